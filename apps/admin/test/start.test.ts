import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, type ServerConfig } from '../server/config.js';
import { type Started, startServer } from '../server/start.js';
import { createAdmin } from '../server/users.js';
import { BACKENDS, freshDatabase, reopenDatabase } from './helpers.js';

function config(demo: boolean, webDir: string): ServerConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-start-'));
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    publishDir: join(dataDir, 'published'),
    database: { kind: 'pglite' },
    demo,
    secureCookies: false,
    webDir,
  };
}

const login = (base: string, username: string, password: string) =>
  fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('configuration', () => {
  it('reads the defaults: port 3000, ./data from where the command was typed, the embedded database, the demo', () => {
    const c = readConfig({ INIT_CWD: '/srv/nianbao' }, '/app/web');
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/nianbao/data',
      publishDir: '/srv/nianbao/data/published',
      demo: true,
    });
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '/srv/nianbao/data/db' });
  });
  it('uses a PostgreSQL server when DATABASE_URL is set, and no demo with NIANBAO_DEMO=0', () => {
    const c = readConfig(
      {
        INIT_CWD: '/x',
        DATABASE_URL: 'postgres://u:p@db/nianbao',
        NIANBAO_DEMO: '0',
        PORT: '8080',
        NIANBAO_PUBLISH_DIR: 'pub',
      },
      '',
    );
    expect(c).toMatchObject({
      port: 8080,
      demo: false,
      publishDir: '/x/pub',
      database: { kind: 'postgres', url: 'postgres://u:p@db/nianbao' },
    });
    expect(() => readConfig({ PORT: 'abc' }, '')).toThrow(/PORT 无效/);
  });
});

describe.each(BACKENDS)('a real deployment on %s', (kind) => {
  let server: Started;
  let base: string;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'nianbao-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>年报</title><div id="app"></div>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startServer(config(false, webDir), await freshDatabase(kind));
    const addr = server.app.server.address() as { port: number; address: string };
    expect(addr.address).toBe('127.0.0.1');
    base = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(() => server.close());

  it('starts without any account or default password, and says how to create the first administrator', async () => {
    expect(server.banner).toContain('尚无任何账号：请运行 npm run create-admin');
    expect(server.banner).not.toContain('nianbao-demo');
    for (const u of ['admin', 'reviewer', 'editor', 'editor2'])
      expect((await login(base, u, 'nianbao-demo')).status).toBe(401);
  });

  it('creates the first administrator with the documented command’s function, who can then log in', async () => {
    expect(
      await createAdmin(server.database.db, { username: 'zhang', displayName: '张三', password: 'short' }),
    ).toEqual({ ok: false, message: '密码至少 10 位' });
    expect(
      (await createAdmin(server.database.db, { username: 'zhang', displayName: '张三', password: 'a-long-secret-1' }))
        .ok,
    ).toBe(true);
    expect(
      await createAdmin(server.database.db, { username: 'zhang', displayName: '张三', password: 'a-long-secret-2' }),
    ).toEqual({ ok: false, message: '用户名 zhang 已存在' });
    const res = await login(base, 'zhang', 'a-long-secret-1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: unknown }).user).toMatchObject({
      username: 'zhang',
      isAdmin: true,
      displayName: '张三',
    });
  });

  it('serves the built app, with every other page path falling back to it, and JSON 404 under /api', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="app">');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    const deep = await fetch(`${base}/reports/12/revisions`);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    expect(await deep.text()).toContain('<div id="app">');
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    const api = await fetch(`${base}/api/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('E_NO_ROUTE');
  });

  it('a restart with the demo switched on does not add demo accounts to a database that has data', async () => {
    await server.close();
    server = await startServer(config(true, webDir), await reopenDatabase(kind));
    base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
    expect(server.banner).toContain('数据库中已有数据，未载入演示数据');
    expect((await login(base, 'editor', 'nianbao-demo')).status).toBe(401);
    expect((await login(base, 'zhang', 'a-long-secret-1')).status).toBe(200);
  });
});

describe('the embedded database on disk', () => {
  it('is opened by one process at a time: a second opening is refused with a clear message until the first closes', async () => {
    const { openDatabase } = await import('../server/db/index.js');
    const dir = join(mkdtempSync(join(tmpdir(), 'nianbao-lock-')), 'db');
    writeFileSync(`${dir}.lock`, '1'); // pid 1 is alive: another process holds it
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/正由另一进程（pid 1）使用/);
    writeFileSync(`${dir}.lock`, '999999999'); // a process that is gone: its lock is taken over
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    } finally {
      await first.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
