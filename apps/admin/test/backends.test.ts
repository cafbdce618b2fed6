import { describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers.js';

describe('databases the API tests run on', () => {
  it('always include the embedded database, and the PostgreSQL server in CI', () => {
    expect(BACKENDS[0]).toBe('pglite');
    // CI starts a PostgreSQL server and sets TEST_DATABASE_URL; if it does not reach the tests, the
    // server half of every API test would silently not run.
    if (process.env.CI) expect(BACKENDS).toEqual(['pglite', 'postgres']);
  });
});
