/**
 * `npm run build [-- --url https://addins.example.com/salesops/]`: the production bundles, functions.json, icons and
 * manifest.xml in dist/ (webpack --mode production), with every URL of the manifest (SourceLocation, icons, support
 * URL, the shared runtime, the functions' script, page and metadata, AppDomains) on the given base instead of
 * https://localhost:3000/. The built manifest is then checked offline as `npm run validate -- dist/manifest.xml`
 * checks it; the build fails on any problem, and on any localhost left in a manifest built for another host.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEV_BASE, ORIGIN, buildEnvironment, checkManifestXml } from './validate-manifest';

const root = path.resolve(__dirname, '..');

/** The base URL given: https, ending in / (added when missing). */
export function normalizeBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(
      `--url ${url}: not a URL; give the https address the add-in's files will be served from, e.g. https://addins.example.com/salesops/`,
    );
  }
  if (u.protocol !== 'https:') throw new Error(`--url ${url}: Office loads add-ins only over https`);
  if (u.search || u.hash) throw new Error(`--url ${url}: give a folder address without ?query or #fragment`);
  return u.href.endsWith('/') ? u.href : u.href + '/';
}

/** manifest.xml with every URL moved from https://localhost:3000/ to `base` (AppDomains to its origin). */
export function manifestForBase(xml: string, base: string): string {
  const origin = new URL(base).origin;
  return xml
    .split(DEV_BASE)
    .join(base)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`);
}

/** Problems of a built manifest: the offline checks on its base, and any localhost left when the base is elsewhere. */
export function builtManifestProblems(xml: string, dir: string, base: string): string[] {
  const problems = checkManifestXml(xml, buildEnvironment(dir), base);
  if (base !== DEV_BASE && /localhost/i.test(xml))
    problems.push(`the manifest still names localhost (${xml.match(/[^"<>]*localhost[^"<>]*/i)?.[0]})`);
  return problems;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--url');
  const base = i >= 0 ? normalizeBase(args[i + 1] ?? '') : DEV_BASE;
  const outDir = path.join(root, 'dist');
  const webpack = (await import('webpack')).default;
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const stats = await new Promise<{ hasErrors(): boolean; toString(o: unknown): string }>((resolve, reject) =>
    webpack(makeConfig({ outDir: 'dist' }, { mode: 'production' })).run((err, s) =>
      err || !s ? reject(err ?? new Error('webpack gave no stats')) : resolve(s),
    ),
  );
  console.log(stats.toString({ colors: true, modules: false, children: false, assets: false }));
  if (stats.hasErrors()) process.exit(1);
  const file = path.join(outDir, 'manifest.xml');
  const xml = manifestForBase(fs.readFileSync(file, 'utf8'), base);
  fs.writeFileSync(file, xml);
  const problems = builtManifestProblems(xml, outDir, base);
  if (problems.length) {
    console.error(`dist/manifest.xml: ${problems.length} problem(s):\n` + problems.map((p) => `  - ${p}`).join('\n'));
    process.exit(1);
  }
  console.log(
    `dist/manifest.xml: every URL on ${base}${base === DEV_BASE ? ` (the dev server's ${ORIGIN}; pass --url to deploy elsewhere)` : ''}; offline checks passed.`,
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
