/**
 * A deployment build (`npm run build -- --url https://addins.example.com/salesops/`, scripts/build.ts): the
 * manifest's every URL moves to the team's host, no localhost is left, and the offline checks of
 * `npm run validate` pass on that base. The manifest transformation is tested here on the checkout's manifest.xml
 * and assets (the full webpack build is too slow for a unit test; README gives the command that runs it).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtManifestProblems, manifestForBase, normalizeBase } from '../../scripts/build';
import { DEV_BASE, checkManifestXml, checkoutEnvironment, manifestBase } from '../../scripts/validate-manifest';

const root = path.resolve(__dirname, '../..');
const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const BASE = 'https://addins.example.com/salesops/';
let dist: string;

beforeAll(() => {
  // a dist/ as the build leaves it: functions.json and the icons beside the manifest
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-dist-'));
  fs.copyFileSync(path.join(root, 'src/functions/generated/functions.json'), path.join(dist, 'functions.json'));
  fs.mkdirSync(path.join(dist, 'assets'));
  for (const size of [16, 32, 64, 80])
    fs.copyFileSync(path.join(root, `assets/icon-${size}.png`), path.join(dist, `assets/icon-${size}.png`));
});
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

describe('npm run build -- --url (deployment to a team host)', () => {
  it('puts every URL of the manifest on the base and leaves no localhost', () => {
    const built = manifestForBase(manifest, BASE);
    expect(built).not.toMatch(/localhost/i);
    const urls = [...built.matchAll(/(?:DefaultValue="|<AppDomain>)(https?:\/\/[^"<]+)/g)].map((m) => m[1]);
    // SourceLocation, 2 icons + support URL, 4 images, 3 URLs (functions.json, taskpane, learn more), the AppDomain
    expect(urls.length).toBe(12);
    for (const u of urls) expect(u.startsWith(BASE) || u === 'https://addins.example.com').toBe(true);
    expect(built).toContain(`<bt:Url id="Functions.Metadata.Url" DefaultValue="${BASE}functions.json"/>`);
    expect(built).toContain(`<SourceLocation DefaultValue="${BASE}taskpane.html"/>`);
    expect(built).toContain('<AppDomain>https://addins.example.com</AppDomain>');
  });

  it('passes the offline checks of npm run validate on that base, which reads the base from <SourceLocation>', () => {
    const built = manifestForBase(manifest, BASE);
    expect(manifestBase(built)).toBe(BASE);
    expect(builtManifestProblems(built, dist, BASE)).toEqual([]);
  });

  it('reports a URL left on another host, and a localhost left behind', () => {
    const built = manifestForBase(manifest, BASE).replace(
      `${BASE}assets/icon-16.png`,
      'https://localhost:3000/assets/icon-16.png',
    );
    const problems = builtManifestProblems(built, dist, BASE).join('\n');
    expect(problems).toContain(
      "resource Icon.16x16: 'https://localhost:3000/assets/icon-16.png' must be an https URL on https://addins.example.com/salesops/",
    );
    expect(problems).toContain('the manifest still names localhost');
  });

  it('takes the base with or without its final slash, and refuses http', () => {
    expect(normalizeBase('https://addins.example.com/salesops')).toBe(BASE);
    expect(() => normalizeBase('http://addins.example.com/salesops/')).toThrow('Office loads add-ins only over https');
    expect(() => normalizeBase('addins')).toThrow('not a URL');
  });

  it('leaves the checkout manifest on the dev server base when no --url is given', () => {
    expect(manifestForBase(manifest, DEV_BASE)).toBe(manifest);
    expect(checkManifestXml(manifest, checkoutEnvironment())).toEqual([]);
  });
});

describe('manifest checks from Microsoft manifest reference', () => {
  it.each([
    [
      'a resid above 32 characters',
      (x: string) => x.split('Functions.Metadata.Url').join('Functions.Metadata.Url.Of.SalesOps.X'),
      'at most 32 characters',
    ],
    [
      '<Runtimes> after the form factors',
      (x: string) =>
        x
          .replace(/\s*<Runtimes>[\s\S]*?<\/Runtimes>/, '')
          .replace(
            '</DesktopFormFactor>',
            '</DesktopFormFactor>\n        <Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>',
          ),
      '<Runtimes> must come before the form factors',
    ],
    [
      'a runtime naming a string resource',
      (x: string) => x.split('resid="Taskpane.Url"').join('resid="Group.Label"'),
      '<Runtime resid="Group.Label"> must name a <bt:Url> resource',
    ],
  ])('reports %s', (_what, mutate, problem) => {
    expect(checkManifestXml(mutate(manifest), checkoutEnvironment()).join('\n')).toContain(problem);
  });
});
