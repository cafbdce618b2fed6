import { inArray, sql } from 'drizzle-orm';
import type { Db } from './db/index.js';
import { schema } from './db/index.js';
import { ApiError } from './errors.js';

/** How many failed logins are allowed in the window before logging in is refused for a while. */
export interface LoginLimit {
  /** Failures of one account from one address. */
  max: number;
  timeWindowMs: number;
  /** Failures of one account from any address (default 3 × `max`): slows guessing from many addresses. */
  accountMax?: number;
  /** Failures from one address for any account (default 10 × `max`): an office shares one address. */
  addressMax?: number;
}

const keysOf = (address: string, username: string) => {
  const name = username.trim().toLowerCase().slice(0, 100);
  return { pair: `pair:${address}|${name}`, user: `user:${name}`, addr: `addr:${address}` };
};

/**
 * Only failures count, and a successful login clears its account's counts: an editor who logs in often is never
 * locked out, and others at the same office address cannot lock a colleague out with a few wrong passwords.
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly limit: LoginLimit,
    private readonly now: () => Date,
  ) {}

  private caps() {
    const { max } = this.limit;
    return { pair: max, user: this.limit.accountMax ?? 3 * max, addr: this.limit.addressMax ?? 10 * max };
  }

  /** Refuse (429) while any count is at its cap within the window. */
  async check(address: string, username: string): Promise<void> {
    const keys = keysOf(address, username);
    const caps = this.caps();
    const f = schema.loginFailures;
    const rows = await this.db
      .select()
      .from(f)
      .where(inArray(f.key, Object.values(keys)));
    const now = this.now().getTime();
    let wait = 0;
    for (const r of rows) {
      const kind = r.key.slice(0, r.key.indexOf(':')) as keyof typeof keys;
      const end = r.since.getTime() + this.limit.timeWindowMs;
      if (end > now && r.count >= caps[kind]) wait = Math.max(wait, end - now);
    }
    if (wait > 0)
      throw new ApiError(429, 'E_RATE_LIMITED', `登录尝试过于频繁，请 ${Math.ceil(wait / 1000)} 秒后再试`, {
        retryAfter: Math.ceil(wait / 1000),
      });
  }

  /** Count a failure on the account-and-address, the account and the address. */
  async failed(address: string, username: string): Promise<void> {
    const f = schema.loginFailures;
    const now = this.now();
    const start = new Date(now.getTime() - this.limit.timeWindowMs);
    const expired = sql`${f.since} < ${start.toISOString()}::timestamptz`;
    await this.db
      .insert(f)
      .values(Object.values(keysOf(address, username)).map((key) => ({ key, count: 1, since: now })))
      .onConflictDoUpdate({
        target: f.key,
        set: {
          count: sql`CASE WHEN ${expired} THEN 1 ELSE ${f.count} + 1 END`,
          since: sql`CASE WHEN ${expired} THEN ${now.toISOString()}::timestamptz ELSE ${f.since} END`,
        },
      });
  }

  /** A successful login clears the account's counts (not the address's: one valid account must not unlock guessing others). */
  async succeeded(address: string, username: string): Promise<void> {
    const keys = keysOf(address, username);
    await this.db.delete(schema.loginFailures).where(inArray(schema.loginFailures.key, [keys.pair, keys.user]));
  }
}
