import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { builtWebApp, contentSecurityPolicy, createWebApp, webDirs } from '../../src/web/serve.js';
import { app } from '../support/app.js';

const productionConfig = (dataDir: string) =>
  loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://shop.example.test',
    DATABASE_URL: 'postgresql://user@db.example.test/omni',
    IMAGE_HOSTS: 'images.example.test',
    DATA_DIR: dataDir,
  });

/** A logger whose warnings the test reads. */
function warningLog() {
  const warnings: { msg: string; dir?: string }[] = [];
  return { warnings, log: pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) }) };
}

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

describe('which web app the server serves', () => {
  it('the source in development and dist/web in production, from src/web (tsx) as from dist/src/web (built)', () => {
    const expected = { source: '/srv/shop/web/', built: '/srv/shop/dist/web/' };
    expect(webDirs('file:///srv/shop/src/web/serve.ts')).to.deep.equal(expected);
    expect(webDirs('file:///srv/shop/dist/src/web/serve.js')).to.deep.equal(expected);
  });

  it('production (npm start with NODE_ENV=production) serves the build in dist/web, or says in one line to run npm run build, never the source', async () => {
    const { warnings, log } = warningLog();
    const server = createServer();
    const web = createWebApp(productionConfig(tmpdir()), log, server);
    if (!existsSync(join(PROJECT, 'dist/web/index.html'))) {
      expect(web).to.equal(null);
      expect(warnings).to.have.length(1);
      expect(warnings[0]!.msg).to.include('run `npm run build`');
      expect(warnings[0]!.dir).to.equal(join(PROJECT, 'dist/web/'));
      return;
    }
    server.on('request', createApp(app(), { web: web!.handler }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const page = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).text();
      expect(page).to.equal(readFileSync(join(PROJECT, 'dist/web/index.html'), 'utf8'));
      expect(page).to.not.include('/src/main.tsx');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the built web app (production)', () => {
  let dir: string;
  let server: Server;
  let base: string;
  before(async () => {
    dir = `${mkdtempSync(join(tmpdir(), 'omni-web-dist-'))}/`;
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    const web = builtWebApp(app().log, dir)!;
    server = createServer(createApp(app(), { web: web.handler }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html for client routes, uncached, and hashed assets cached for a year', async () => {
    for (const path of ['/', '/inventory', '/inventory/0190-abc/edit?x=1', '/reset-password?token=t']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).to.equal(200);
      expect(response.headers.get('cache-control'), path).to.equal('no-cache');
      expect(await response.text(), path).to.include('<div id="root">');
    }
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/favicon.svg`)).headers.get('cache-control')).to.equal('no-cache');
  });

  it('has a Content-Security-Policy the app fits: production scripts from this origin only, images from the storage and IMAGE_HOSTS', () => {
    const { directives } = contentSecurityPolicy(productionConfig(dir), 'https://shop.example.test/media/');
    expect(directives['script-src']).to.deep.equal(["'self'"]);
    expect(directives['img-src']).to.deep.equal(["'self'", 'data:', 'blob:', 'https://shop.example.test', 'https://images.example.test']);
    expect(directives['connect-src']).to.deep.equal(["'self'", 'https://shop.example.test']);
    // Vite's development client runs an inline module script.
    expect(contentSecurityPolicy(app().config, app().storage.publicBase).directives['script-src']).to.include("'unsafe-inline'");
  });

  it('never answers a missing file, another method or the server’s paths with the page', async () => {
    const notFound = [
      ['GET', '/assets/index-old999.js'],
      ['POST', '/inventory'],
      ['GET', '/api/v1/no-such-route'],
      ['GET', '/exports/no-such-export.csv'],
      ['GET', '/trpc'],
      ['GET', '/media/x'],
      ['GET', '/health/deep'],
    ] as const;
    for (const [method, path] of notFound) {
      const response = await fetch(`${base}${path}`, { method, headers: { accept: 'text/html' } });
      expect(response.status, `${method} ${path}`).to.equal(404);
      expect(response.headers.get('content-type'), path).to.match(/^application\/json/);
    }
    expect((await fetch(`${base}/health`)).status).to.equal(200);
  });
});
