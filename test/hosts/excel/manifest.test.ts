import * as fs from 'fs';
import * as path from 'path';
import { checkManifestXml, checkoutEnvironment, pngSize } from '../../../scripts/validate-manifest';

const root = path.resolve(__dirname, '../../..');
const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

describe('manifest.xml (offline checks of npm run validate)', () => {
  it('passes every check in this checkout', () => {
    expect(checkManifestXml(manifest, checkoutEnvironment())).toEqual([]);
  });

  it('ships real PNG icons of 16, 32, 64 and 80 pixels', () => {
    for (const size of [16, 32, 64, 80])
      expect(pngSize(fs.readFileSync(path.join(root, `assets/icon-${size}.png`)))).toEqual({
        width: size,
        height: size,
      });
  });

  it.each([
    [
      'an extra permission',
      (x: string) =>
        x.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWriteMailbox</Permissions>'),
      'expected ReadWriteDocument and nothing more',
    ],
    [
      'another namespace',
      (x: string) => x.replace('DefaultValue="SALESOPS"', 'DefaultValue="SALES"'),
      "namespace is 'SALES', expected 'SALESOPS'",
    ],
    [
      'an http URL',
      (x: string) => x.replace('https://localhost:3000/functions.json', 'http://localhost:3000/functions.json'),
      "resource Functions.Metadata.Url: 'http://localhost:3000/functions.json' must be an https URL",
    ],
    [
      'a short-lived runtime',
      (x: string) => x.replace('lifetime="long"', 'lifetime="short"'),
      'one <Runtime lifetime="long">',
    ],
    [
      'no SharedRuntime requirement',
      (x: string) => x.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ''),
      'SharedRuntime 1.1',
    ],
    [
      'a missing resource',
      (x: string) => x.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Functions.Nmspace"/>'),
      '<Namespace resid="Functions.Nmspace"> names no resource',
    ],
    [
      'a missing icon',
      (x: string) => x.replace('assets/icon-80.png', 'assets/icon-81.png'),
      'assets/icon-81.png does not exist',
    ],
    [
      'an icon of the wrong size',
      (x: string) =>
        x.replace('"https://localhost:3000/assets/icon-16.png"', '"https://localhost:3000/assets/icon-32.png"'),
      'is 32x32, expected 16x16',
    ],
    ['broken XML', (x: string) => x.replace('</OfficeApp>', ''), 'not well-formed XML'],
  ])('reports %s', (_what, mutate, problem) => {
    const problems = checkManifestXml(mutate(manifest), checkoutEnvironment());
    expect(problems.join('\n')).toContain(problem);
  });

  it('checks functions.json ids', () => {
    const env = { ...checkoutEnvironment(), functionIds: ['WEIGHTEDPIPE', 'weightedpipe', 'WEIGHTEDPIPE'] };
    const problems = checkManifestXml(manifest, env);
    expect(problems).toEqual([
      "functions.json id 'weightedpipe' must be upper case letters, digits and dots",
      "functions.json id 'WEIGHTEDPIPE' appears twice",
    ]);
  });
});
