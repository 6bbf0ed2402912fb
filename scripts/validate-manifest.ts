/**
 * `npm run validate`: checks manifest.xml offline, then (only with --remote) with Microsoft's validation service.
 *
 * Offline: parses the manifest with office-addin-manifest's readManifestFile (the parser the Office tooling uses),
 * then checks what this add-in depends on: a GUID id, ReadWriteDocument and nothing more, the SharedRuntime 1.1
 * requirement, one long-lived runtime (a direct child of the Workbook <Host>, before its form factors, naming a
 * bt:Url) that is also the custom functions' script and page, the SALESOPS namespace, every URL on one https base
 * (https://localhost:3000/ for the checkout; the --url of a deployment build), every resid defined and at most 32
 * characters (Microsoft's manifest reference), every icon present as a PNG of its size, and functions.json ids
 * unique and well formed.
 *
 * `npm run validate` checks manifest.xml of the checkout; `npm run validate -- dist/manifest.xml` checks a build
 * (its base read from <SourceLocation>, its icons and functions.json from dist/).
 *
 * `office-addin-manifest validate` calls a remote service and fails offline, so it runs only with --remote.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { XMLParser } from 'fast-xml-parser';

const root = path.resolve(__dirname, '..');
export const ORIGIN = 'https://localhost:3000';
/** The base every URL of the checkout's manifest.xml is on (scripts/build.ts rewrites it for a deployment). */
export const DEV_BASE = ORIGIN + '/';

export interface ManifestEnvironment {
  /** Reads a file of the served add-in (e.g. "assets/icon-16.png"), or null when it is missing. */
  readServedFile(relPath: string): Buffer | null;
  /** functions.json ids. */
  functionIds: string[];
}

type Node = Record<string, unknown>;

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Every object in the tree (depth first), with the element name it sits under. */
function walk(node: unknown, name: string, visit: (name: string, n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, name, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  visit(name, node as Node);
  for (const [k, v] of Object.entries(node)) if (!k.startsWith('@')) walk(v, k, visit);
}

/** Width and height of a PNG, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47 || bytes.toString('ascii', 12, 16) !== 'IHDR')
    return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Problems found in the manifest XML (empty when it is good). Each names the element or resource. */
export function checkManifestXml(xml: string, env: ManifestEnvironment, base = DEV_BASE): string[] {
  const origin = new URL(base).origin;
  const problems: string[] = [];
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
  });
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    return [`manifest.xml is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`];
  }
  const app = doc.OfficeApp as Node | undefined;
  if (!app) return ['manifest.xml has no <OfficeApp> root'];
  if (app['@type'] !== 'TaskPaneApp')
    problems.push(`<OfficeApp xsi:type> is '${app['@type']}', expected 'TaskPaneApp'`);
  const id = String(app.Id ?? '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    problems.push(`<Id> '${id}' is not a GUID`);
  if (String(app.Permissions ?? '') !== 'ReadWriteDocument')
    problems.push(`<Permissions> is '${app.Permissions}', expected ReadWriteDocument and nothing more`);
  const hosts = asArray((app.Hosts as Node | undefined)?.Host as Node | Node[]).map((h) => h['@Name']);
  if (hosts.join() !== 'Workbook')
    problems.push(`<Hosts> lists ${hosts.join(', ') || 'nothing'}, expected Workbook only`);
  const sets = asArray(((app.Requirements as Node | undefined)?.Sets as Node | undefined)?.Set as Node | Node[]);
  const shared = sets.find((s) => s['@Name'] === 'SharedRuntime');
  if (!shared || String(shared['@MinVersion']) !== '1.1')
    problems.push('<Requirements> must ask for the SharedRuntime 1.1 set');

  // Resources: resid -> value
  const vo = app.VersionOverrides as Node | undefined;
  if (!vo) return [...problems, 'manifest.xml has no <VersionOverrides>'];
  const res = (vo.Resources ?? {}) as Node;
  const resources = new Map<string, { kind: string; value: string }>();
  for (const [group, item] of [
    ['Images', 'Image'],
    ['Urls', 'Url'],
    ['ShortStrings', 'String'],
    ['LongStrings', 'String'],
  ]) {
    for (const r of asArray((res[group] as Node | undefined)?.[item] as Node | Node[]))
      resources.set(String(r['@id']), { kind: group, value: String(r['@DefaultValue'] ?? '') });
  }
  // every resid resolves
  walk(vo, 'VersionOverrides', (name, n) => {
    const resid = n['@resid'];
    if (typeof resid === 'string' && !resources.has(resid))
      problems.push(`<${name} resid="${resid}"> names no resource`);
    if (typeof resid === 'string' && resid.length > 32)
      problems.push(`<${name} resid="${resid}">: a resid may have at most 32 characters`);
  });

  const host = asArray((vo.Hosts as Node | undefined)?.Host as Node | Node[]).find((h) => h['@type'] === 'Workbook');
  if (!host) return [...problems, '<VersionOverrides> has no Workbook host'];
  const runtimes = asArray((host.Runtimes as Node | undefined)?.Runtime as Node | Node[]);
  if (runtimes.length !== 1 || runtimes[0]['@lifetime'] !== 'long')
    problems.push('<Runtimes> must hold one <Runtime lifetime="long"> (the shared runtime)');
  const runtimeResid = runtimes[0]?.['@resid'];
  // Microsoft's manifest reference: <Runtimes> is a child of <Host> (one <Runtime>), and the Runtime's resid names a
  // bt:Url of <Resources>; in the schema's order it comes before the form factors.
  if (runtimeResid !== undefined && resources.get(String(runtimeResid))?.kind !== 'Urls')
    problems.push(`<Runtime resid="${runtimeResid}"> must name a <bt:Url> resource`);
  walk(vo, 'VersionOverrides', (name, n) => {
    if (n !== host && n.Runtimes !== undefined)
      problems.push(`<Runtimes> sits in <${name}>; it belongs directly in the Workbook <Host>`);
  });
  const hostXml = /<Host\s[^>]*xsi:type="Workbook"[^>]*>([\s\S]*?)<\/Host>/.exec(xml)?.[1] ?? '';
  const at = (tag: string) => hostXml.search(new RegExp(`<${tag}[\\s>]`));
  if (
    at('Runtimes') >= 0 &&
    ['AllFormFactors', 'DesktopFormFactor', 'MobileFormFactor'].some((t) => at(t) >= 0 && at(t) < at('Runtimes'))
  )
    problems.push('<Runtimes> must come before the form factors in <Host>');
  const cf = asArray((host.AllFormFactors as Node | undefined)?.ExtensionPoint as Node | Node[]).find(
    (e) => e['@type'] === 'CustomFunctions',
  );
  if (!cf) problems.push('no <ExtensionPoint xsi:type="CustomFunctions">');
  else {
    const loc = (k: string) => ((cf[k] as Node | undefined)?.SourceLocation as Node | undefined)?.['@resid'];
    if (loc('Script') !== runtimeResid || loc('Page') !== runtimeResid)
      problems.push(
        `custom functions' <Script> and <Page> must be the shared runtime '${runtimeResid}' (they are '${loc('Script')}' and '${loc('Page')}')`,
      );
    const ns = resources.get(String((cf.Namespace as Node | undefined)?.['@resid']));
    if (ns?.value !== 'SALESOPS') problems.push(`custom functions namespace is '${ns?.value}', expected 'SALESOPS'`);
    const meta = resources.get(String(loc('Metadata')));
    if (!meta || !meta.value.endsWith('/functions.json'))
      problems.push(`custom functions <Metadata> must point at functions.json (it is '${meta?.value}')`);
  }
  const desktop = host.DesktopFormFactor as Node | undefined;
  let button = false;
  walk(desktop, 'DesktopFormFactor', (name, n) => {
    if (name === 'Action' && n['@type'] === 'ShowTaskpane') {
      button = true;
      if ((n.SourceLocation as Node | undefined)?.['@resid'] !== runtimeResid)
        problems.push('the ribbon button must open the shared runtime page');
    }
  });
  if (!button) problems.push('no ribbon button with a ShowTaskpane action');

  // URLs: everything on the base; icons exist as PNGs of their size
  const urls: { where: string; url: string; size?: number }[] = [];
  for (const k of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'])
    urls.push({
      where: `<${k}>`,
      url: String((app[k] as Node | undefined)?.['@DefaultValue'] ?? ''),
      size: k === 'IconUrl' ? 32 : k === 'HighResolutionIconUrl' ? 64 : undefined,
    });
  urls.push({
    where: '<SourceLocation>',
    url: String(
      ((app.DefaultSettings as Node | undefined)?.SourceLocation as Node | undefined)?.['@DefaultValue'] ?? '',
    ),
  });
  for (const [rid, r] of resources) {
    if (r.kind === 'Urls') urls.push({ where: `resource ${rid}`, url: r.value });
    if (r.kind === 'Images')
      urls.push({ where: `resource ${rid}`, url: r.value, size: Number(/(\d+)x\1$/.exec(rid)?.[1]) || undefined });
  }
  if (!base.startsWith('https://') || !base.endsWith('/'))
    problems.push(`the base '${base}' must be an https URL ending in /`);
  for (const a of asArray((app.AppDomains as Node | undefined)?.AppDomain as unknown as string | string[]))
    if (a !== origin) problems.push(`<AppDomain> '${a}' is not ${origin}`);
  for (const u of urls) {
    if (!u.url.startsWith(base)) {
      problems.push(`${u.where}: '${u.url}' must be an https URL on ${base === DEV_BASE ? ORIGIN : base}`);
      continue;
    }
    const rel = u.url.slice(base.length);
    if (rel.startsWith('assets/')) {
      const bytes = env.readServedFile(rel);
      const size = bytes ? pngSize(bytes) : null;
      if (!bytes) problems.push(`${u.where}: ${rel} does not exist`);
      else if (!size) problems.push(`${u.where}: ${rel} is not a PNG`);
      else if (u.size && (size.width !== u.size || size.height !== u.size))
        problems.push(`${u.where}: ${rel} is ${size.width}x${size.height}, expected ${u.size}x${u.size}`);
    }
  }
  for (const size of [16, 32, 80])
    if (![...resources.keys()].includes(`Icon.${size}x${size}`))
      problems.push(`no Icon.${size}x${size} image resource (the ribbon needs 16, 32 and 80)`);

  // functions.json
  if (!env.functionIds.length) problems.push('functions.json lists no functions (run `npm run gen`)');
  const seen = new Set<string>();
  for (const fid of env.functionIds) {
    if (!/^[A-Z][A-Z0-9]*(\.[A-Z0-9]+)*$/.test(fid))
      problems.push(`functions.json id '${fid}' must be upper case letters, digits and dots`);
    if (seen.has(fid)) problems.push(`functions.json id '${fid}' appears twice`);
    seen.add(fid);
  }
  return problems;
}

/** The environment of a build: the files in `dir` (dist/), ids from its functions.json. */
export function buildEnvironment(dir: string): ManifestEnvironment {
  const fjson = path.join(dir, 'functions.json');
  const ids = fs.existsSync(fjson)
    ? (JSON.parse(fs.readFileSync(fjson, 'utf8')) as { functions: { id: string }[] }).functions.map((f) => f.id)
    : [];
  return {
    readServedFile: (rel) => {
      const file = path.join(dir, rel);
      return fs.existsSync(file) ? fs.readFileSync(file) : null;
    },
    functionIds: ids,
  };
}

/** The base a built manifest is on: its <SourceLocation> (…/taskpane.html) without the page. */
export function manifestBase(xml: string): string {
  const m = /<SourceLocation\s+DefaultValue="([^"]*\/)taskpane\.html"/.exec(xml);
  return m ? m[1] : DEV_BASE;
}

/** The environment of this checkout: assets/ from the repository, ids from the generated functions.json. */
export function checkoutEnvironment(): ManifestEnvironment {
  const fjson = path.join(root, 'src/functions/generated/functions.json');
  const ids = fs.existsSync(fjson)
    ? (JSON.parse(fs.readFileSync(fjson, 'utf8')) as { functions: { id: string }[] }).functions.map((f) => f.id)
    : [];
  return {
    readServedFile: (rel) => {
      const file = path.join(root, rel);
      return fs.existsSync(file) ? fs.readFileSync(file) : null;
    },
    functionIds: ids,
  };
}

async function main(): Promise<void> {
  const given = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const manifestPath = given ? path.resolve(given) : path.join(root, 'manifest.xml');
  const xml = fs.readFileSync(manifestPath, 'utf8');
  const checkout = path.resolve(manifestPath) === path.join(root, 'manifest.xml');
  const env = checkout ? checkoutEnvironment() : buildEnvironment(path.dirname(manifestPath));
  const base = checkout ? DEV_BASE : manifestBase(xml);
  const { OfficeAddinManifest } = await import('office-addin-manifest');
  const info = await OfficeAddinManifest.readManifestFile(manifestPath);
  console.log(
    `manifest: ${info.displayName} ${info.version} (${info.id}), hosts ${info.hosts?.join(', ')}, permissions ${info.permissions}`,
  );
  const problems = checkManifestXml(xml, env, base);
  if (info.permissions !== 'ReadWriteDocument')
    problems.push(`office-addin-manifest reads permissions '${info.permissions}'`);
  if (problems.length) {
    console.error(
      `${path.relative(root, manifestPath)}: ${problems.length} problem(s):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    process.exit(1);
  }
  console.log(
    `${path.relative(root, manifestPath)}: offline checks passed (every URL on ${base}; ${env.functionIds.length} SALESOPS functions in functions.json).`,
  );
  if (process.argv.includes('--remote')) {
    console.log('Running the remote validation service (office-addin-manifest validate; needs the internet)...');
    const r = spawnSync('npx', ['--no-install', 'office-addin-manifest', 'validate', manifestPath], {
      stdio: 'inherit',
    });
    process.exit(r.status ?? 1);
  } else {
    console.log(
      'Skipped the remote validation service (pass --remote to run `office-addin-manifest validate`, which needs the internet).',
    );
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
