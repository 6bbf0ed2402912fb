/**
 * The dev server of `npm start` (scripts/start.ts) as Microsoft's add-in template serves: every response carries
 * `Access-Control-Allow-Origin: *` and a CORS preflight (OPTIONS) is answered 204 with the methods and headers
 * allowed, over https with the localhost certificate of office-addin-dev-certs generated without installing its CA
 * (Excel on the web fetches functions.json cross-origin: without the header it registers no function).
 */
import * as fs from 'fs';
import * as https from 'https';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { serveDirectory, untrustedCertificate, type StaticServer } from '../../scripts/start';

let dir: string;
let certDir: string;
let secure: StaticServer;
let plain: StaticServer;

function request(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // rejectUnauthorized false is curl -k: the generated CA is not installed on this machine
    const lib = url.startsWith('https') ? https : http;
    const req = lib.request(url, { method, headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-serve-'));
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesops-certs-'));
  fs.writeFileSync(path.join(dir, 'functions.json'), '{"functions":[]}\n');
  const tls = await untrustedCertificate({
    ca: path.join(certDir, 'ca.crt'),
    cert: path.join(certDir, 'localhost.crt'),
    key: path.join(certDir, 'localhost.key'),
  });
  secure = await serveDirectory(dir, { tls });
  plain = await serveDirectory(dir);
}, 60_000);

afterAll(async () => {
  await secure?.close();
  await plain?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(certDir, { recursive: true, force: true });
});

describe('npm start serves as Microsoft template dev server does', () => {
  it('serves https with a generated localhost certificate (its CA not installed) whose name is localhost', async () => {
    expect(secure.url).toMatch(/^https:\/\/localhost:\d+$/);
    const cert = new (await import('crypto')).X509Certificate(fs.readFileSync(path.join(certDir, 'localhost.crt')));
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(
      cert.checkIssued(new (await import('crypto')).X509Certificate(fs.readFileSync(path.join(certDir, 'ca.crt')))),
    ).toBe(true);
  });

  it('sends Access-Control-Allow-Origin: * with functions.json (curl -ksI https://localhost:N/functions.json)', async () => {
    const r = await request(`${secure.url}/functions.json`, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers a CORS preflight with 204, the methods and the headers asked for', async () => {
    const r = await request(`${secure.url}/functions.json`, 'OPTIONS', {
      Origin: 'https://excel.officeapps.live.com',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'content-type',
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(r.headers['access-control-allow-headers']).toBe('content-type');
  });

  it('sends the header on errors too, and the playground port answers over plain http', async () => {
    const missing = await request(`${secure.url}/nothing.js`, 'GET');
    expect([missing.status, missing.headers['access-control-allow-origin']]).toEqual([404, '*']);
    const post = await request(`${secure.url}/functions.json`, 'POST');
    expect([post.status, post.headers['access-control-allow-origin'], post.headers.allow]).toEqual([
      405,
      '*',
      'GET, HEAD, OPTIONS',
    ]);
    const overHttp = await request(`${plain.url}/functions.json`, 'GET');
    expect([overHttp.status, overHttp.body, overHttp.headers['access-control-allow-origin']]).toEqual([
      200,
      '{"functions":[]}\n',
      '*',
    ]);
  });
});
