/**
 * `npm start`: builds the add-in and the playground (webpack, development mode, rebuilding on change) and serves
 * dist/ from a small static server on https://localhost:3000 (the manifest's URLs).
 *
 * https: office-addin-dev-certs makes a localhost certificate and installs its CA, which needs `sudo` and the
 * system CA tool (update-ca-certificates / update-ca-trust). Where that is not possible (no sudo, no CA tool, or it
 * fails), the server falls back to plain http: the playground works; Excel needs https to load the add-in, so it
 * says so. office-addin-debugging is never used (it pulls in keytar/libsecret).
 *
 * Options: --port <n> (default 3000), --http (skip https), --once (build once, serve, no watch).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
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

/** Serves a directory on 127.0.0.1 (GET/HEAD only, no directory listing, nothing outside the directory). */
export function serveDirectory(dir: string, options: { port?: number; tls?: https.ServerOptions } = {}): Promise<StaticServer> {
  const base = path.resolve(dir);
  const handler: http.RequestListener = (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.resolve(base, '.' + (urlPath === '/' ? '/playground.html' : urlPath));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found: ${urlPath}`);
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
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

/** https options from office-addin-dev-certs, or the reason to fall back to http. */
async function tlsOptions(): Promise<{ tls?: https.ServerOptions; reason?: string }> {
  const blocker = httpsBlocker();
  if (blocker) return { reason: blocker };
  try {
    const { getHttpsServerOptions } = await import('office-addin-dev-certs');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 60 s')), 60_000).unref());
    return { tls: (await Promise.race([getHttpsServerOptions(), timeout])) as https.ServerOptions };
  } catch (e) {
    return { reason: `office-addin-dev-certs could not install its certificate (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 3000;
  const once = args.includes('--once');
  const outDir = path.join(root, 'dist');

  const webpack = (await import('webpack')).default;
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const compiler = webpack(makeConfig({ outDir: 'dist' }, { mode: 'development' }));

  let server: StaticServer | null = null;
  const onBuilt = async (err: Error | null | undefined, stats: { hasErrors(): boolean; toString(o: unknown): string } | undefined) => {
    if (err || !stats || stats.hasErrors()) {
      console.error(err?.message ?? stats?.toString({ all: false, errors: true, colors: true }));
      if (!server && once) process.exit(1);
      return;
    }
    if (server) {
      console.log(`rebuilt ${new Date().toLocaleTimeString()}`);
      return;
    }
    const { tls, reason } = args.includes('--http') ? { tls: undefined, reason: '--http was given' } : await tlsOptions();
    server = await serveDirectory(outDir, { port, tls });
    console.log('');
    console.log(`  Playground:      ${server.url}/playground.html`);
    console.log(`  Task pane page:  ${server.url}/taskpane.html`);
    console.log(`  Functions:       ${server.url}/functions.json`);
    console.log(`  Manifest:        ${server.url}/manifest.xml`);
    if (!tls) {
      console.log('');
      console.log(`  Serving plain http: ${reason}.`);
      console.log('  The playground works over http. Excel loads add-ins only over https: on a machine with Excel, run');
      console.log('  `npx office-addin-dev-certs install` once, then `npm start` again, and sideload manifest.xml (README).');
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
