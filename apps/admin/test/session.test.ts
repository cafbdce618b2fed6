import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { BACKENDS, type Harness, login, reportIdOf, startHarness } from './helpers.js';

describe.each(BACKENDS)('sessions on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('logs in with the demo password and answers the user, their roles and a CSRF token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'editor', password: 'nianbao-demo' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({
      username: 'editor',
      isAdmin: false,
      roles: [{ organisationName: '宝山区跃进街道办事处', role: 'editor', roleLabel: '填报人' }],
    });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'nianbao_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/');
  });

  it('refuses a wrong password with a Chinese message and no cookie', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'editor', password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'E_LOGIN_FAILED', message: '用户名或密码错误' } });
    expect(res.cookies).toHaveLength(0);
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody', password: 'nianbao-demo' },
    });
    expect(unknown.json().error.message).toBe('用户名或密码错误');
  });

  it('answers the current user on reload, and 401 without a session', async () => {
    const c = await login(h.app, 'reviewer');
    const me = await c.req('GET', '/api/session');
    expect(me.json()).toMatchObject({ user: { username: 'reviewer' }, csrfToken: c.csrf });
    const anon = await h.app.inject({ method: 'GET', url: '/api/session' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('E_UNAUTHENTICATED');
    const forged = await h.app.inject({
      method: 'GET',
      url: '/api/reports',
      headers: { cookie: 'nianbao_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const c = await login(h.app, 'editor2');
    expect((await c.req('DELETE', '/api/session')).statusCode).toBe(200);
    expect((await c.req('GET', '/api/reports')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the right X-CSRF-Token and changes nothing', async () => {
    const c = await login(h.app, 'editor');
    const id = await reportIdOf(await login(h.app, 'admin'), '宝山区跃进街道办事处');
    const before = (await c.req('GET', `/api/reports/${id}`)).json();
    for (const token of [undefined, 'not-the-token']) {
      const headers: Record<string, string> = { cookie: c.cookie, 'if-match': String(before.revision) };
      if (token) headers['x-csrf-token'] = token;
      const res = await h.app.inject({
        method: 'PUT',
        url: `/api/reports/${id}`,
        headers,
        payload: { report: before.report },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('E_CSRF');
      const submit = await h.app.inject({ method: 'POST', url: `/api/reports/${id}/submit`, headers });
      expect(submit.statusCode).toBe(403);
    }
    const after = (await c.req('GET', `/api/reports/${id}`)).json();
    expect(after.revision).toBe(before.revision);
    expect(after.status).toBe('draft');
  });

  it('rate-limits login attempts per account and address', async () => {
    const limited = await buildApp({
      database: h.database,
      publishDir: h.publishDir,
      loginLimit: { max: 3, timeWindowMs: 60_000 },
    });
    try {
      const attempt = (username: string) =>
        limited.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'guess-123456' } });
      for (let i = 0; i < 3; i++) expect((await attempt('admin')).statusCode).toBe(401);
      const blocked = await attempt('admin');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error).toMatchObject({ code: 'E_RATE_LIMITED' });
      expect(blocked.json().error.message).toMatch(/登录尝试过于频繁，请 \d+ 秒后再试/);
      // Even the right password is refused while blocked.
      const right = await limited.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'admin', password: 'nianbao-demo' },
      });
      expect(right.statusCode).toBe(429);
      // Another account from the same address is not blocked by it.
      expect((await attempt('editor')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
