/**
 * `npm start`: builds the add-in and the playground (webpack, development mode, rebuilding on change) and serves
 * dist/ as Microsoft's add-in template dev server does:
 * - https on https://localhost:3000 (the manifest's URLs), always: office-addin-dev-certs makes a localhost
 *   certificate and installs its CA, which needs `sudo` and the system CA tool; where that is not possible the
 *   same certificate is generated without installing its CA, and the server still speaks https (Excel then needs
 *   the CA trusted once: the server prints the one command that does it);
 * - `Access-Control-Allow-Origin: *` on every response and OPTIONS answered (204): Excel on the web fetches
 *   functions.json and the bundles cross-origin and registers no function without it (office-js issue 3970);
 * - the playground also on plain http (port + 1), which a browser opens without trusting any certificate.
 * office-addin-debugging is never used (it pulls in keytar/libsecret).
 *
 * Options: --port <n> (default 3000; the http playground listens on n + 1), --host <address> (default localhost;
 * 0.0.0.0 listens on every interface), --http (plain http only, on port n), --once (build once, serve, no watch).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import * as crypto from 'crypto';
import { execFileSync } from 'child_process';
import type { AddressInfo } from 'net';

const root = path.resolve(__dirname, '..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The CORS headers of every response: any origin may read (Microsoft's template dev server sends the same). */
const CORS = { 'Access-Control-Allow-Origin': '*' };
const METHODS = 'GET, HEAD, OPTIONS';

/**
 * Serves a directory (GET/HEAD, and OPTIONS for CORS preflight; no directory listing, nothing outside the
 * directory) on `host` (default 127.0.0.1, the loopback interface only).
 */
export function serveDirectory(
  dir: string,
  options: { port?: number; tls?: https.ServerOptions; host?: string } = {},
): Promise<StaticServer> {
  const base = path.resolve(dir);
  const handler: http.RequestListener = (req, res) => {
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          ...CORS,
          Allow: METHODS,
          'Access-Control-Allow-Methods': METHODS,
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '86400',
        })
        .end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...CORS, Allow: METHODS }).end();
      return;
    }
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
      return;
    }
    const file = path.resolve(base, '.' + (urlPath === '/' ? '/playground.html' : urlPath));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found: ${urlPath}`);
      return;
    }
    res.writeHead(200, {
      ...CORS,
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `${options.tls ? 'https' : 'http'}://localhost:${port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

/** Why https cannot be set up here, or null when office-addin-dev-certs may try. */
function httpsBlocker(): string | null {
  if (process.platform !== 'linux') return null;
  const caTool = ['/usr/sbin/update-ca-certificates', '/usr/sbin/update-ca-trust'].find((f) => fs.existsSync(f));
  if (!caTool) return 'no system CA tool (update-ca-certificates or update-ca-trust) to trust a localhost certificate';
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 });
  } catch {
    return 'installing the localhost CA needs sudo without a password prompt';
  }
  return null;
}

/** The certificate files office-addin-dev-certs uses (~/.office-addin-dev-certs). */
function certificateFiles(): { ca: string; cert: string; key: string } {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  return { ca: path.join(dir, 'ca.crt'), cert: path.join(dir, 'localhost.crt'), key: path.join(dir, 'localhost.key') };
}

/** The three files, when they exist and the localhost certificate is valid for at least another day. */
function readCertificates(files = certificateFiles()): https.ServerOptions | null {
  if (![files.ca, files.cert, files.key].every((f) => fs.existsSync(f))) return null;
  try {
    const cert = fs.readFileSync(files.cert);
    if (Date.parse(new crypto.X509Certificate(cert).validTo) < Date.now() + 86_400_000) return null;
    return { ca: fs.readFileSync(files.ca), cert, key: fs.readFileSync(files.key) };
  } catch {
    return null;
  }
}

/**
 * The localhost certificate of office-addin-dev-certs without installing its CA (its generateCertificates API, the
 * same files `npx office-addin-dev-certs install` makes and trusts): generated once, regenerated when expired.
 */
export async function untrustedCertificate(files = certificateFiles()): Promise<https.ServerOptions> {
  const existing = readCertificates(files);
  if (existing) return existing;
  for (const f of [files.ca, files.cert, files.key]) fs.rmSync(f, { force: true }); // generateCertificates keeps an old CA
  const { generateCertificates } = await import('office-addin-dev-certs');
  await generateCertificates(files.ca, files.cert, files.key);
  const made = readCertificates(files);
  if (!made) throw new Error(`no certificate in ${path.dirname(files.cert)} after generating one`);
  return made;
}

/** https options: the installed (trusted) certificate when possible, else the same certificate untrusted, with why. */
async function tlsOptions(): Promise<{ tls?: https.ServerOptions; untrusted?: string; reason?: string }> {
  const blocker = httpsBlocker();
  if (!blocker) {
    try {
      const { getHttpsServerOptions } = await import('office-addin-dev-certs');
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timed out after 60 s')), 60_000).unref(),
      );
      return { tls: (await Promise.race([getHttpsServerOptions(), timeout])) as https.ServerOptions };
    } catch (e) {
      return untrusted(
        `office-addin-dev-certs could not install its certificate (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
      );
    }
  }
  return untrusted(blocker);
}

async function untrusted(why: string): Promise<{ tls?: https.ServerOptions; untrusted?: string; reason?: string }> {
  try {
    return { tls: await untrustedCertificate(), untrusted: why };
  } catch (e) {
    return {
      reason: `${why}, and no localhost certificate could be generated (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    };
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(option(args, '--port') ?? 3000);
  const host = option(args, '--host') ?? '127.0.0.1';
  const once = args.includes('--once');
  const plainOnly = args.includes('--http');
  if (!Number.isInteger(port) || port < 1 || port > 65534)
    throw new Error(`--port ${option(args, '--port')}: give a port from 1 to 65534`);
  const outDir = path.join(root, 'dist');

  const webpack = (await import('webpack')).default;
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const compiler = webpack(makeConfig({ outDir: 'dist' }, { mode: 'development' }));

  let servers: StaticServer[] | null = null;
  const onBuilt = async (
    err: Error | null | undefined,
    stats: { hasErrors(): boolean; toString(o: unknown): string } | undefined,
  ) => {
    if (err || !stats || stats.hasErrors()) {
      console.error(err?.message ?? stats?.toString({ all: false, errors: true, colors: true }));
      if (!servers && once) process.exit(1);
      return;
    }
    if (servers) {
      console.log(`rebuilt ${new Date().toLocaleTimeString()}`);
      return;
    }
    const {
      tls,
      untrusted: why,
      reason,
    } = plainOnly ? { tls: undefined, untrusted: undefined, reason: '--http was given' } : await tlsOptions();
    const main = await serveDirectory(outDir, { port, tls, host });
    // the playground also on plain http (next port), which needs no certificate at all
    const plain = tls ? await serveDirectory(outDir, { port: port + 1, host }) : main;
    servers = tls ? [main, plain] : [main];
    console.log('');
    console.log(`  Playground:      ${plain.url}/playground.html${tls ? `  (also ${main.url}/playground.html)` : ''}`);
    console.log(`  Task pane page:  ${main.url}/taskpane.html`);
    console.log(`  Functions:       ${main.url}/functions.json`);
    console.log(`  Manifest:        ${main.url}/manifest.xml`);
    if (host !== '127.0.0.1' && host !== 'localhost')
      console.log(
        `  Listening on ${host} (every address of this machine for 0.0.0.0 / ::), ports ${servers.map((x) => x.port).join(' and ')}.`,
      );
    console.log(
      '  Every response carries Access-Control-Allow-Origin: * (Excel on the web reads functions.json cross-origin).',
    );
    if (why) {
      console.log('');
      console.log(
        `  https uses the localhost certificate of office-addin-dev-certs, whose CA is not trusted here: ${why}.`,
      );
      console.log('  Excel loads the add-in only once that CA is trusted. On the machine that runs Excel, run once:');
      console.log('      npx office-addin-dev-certs install');
      console.log(`  (or import ${certificateFiles().ca} as a trusted root CA).`);
    }
    if (!tls) {
      console.log('');
      console.log(`  Serving plain http only: ${reason}. The playground works; Excel loads add-ins only over https.`);
    }
    console.log('');
    console.log(once ? 'Serving; press Ctrl+C to stop.' : 'Watching for changes; press Ctrl+C to stop.');
  };
  if (once) compiler.run((err, stats) => void onBuilt(err, stats));
  else compiler.watch({ aggregateTimeout: 300 }, (err, stats) => void onBuilt(err, stats));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
