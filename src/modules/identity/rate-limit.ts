import type { MikroORM } from '@mikro-orm/postgresql';
import { isIPv6 } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tooManyRequests } from '../../core/errors.js';
import { createCounterStore, type Count } from './rate-limit-store.js';

/** The configured limits (AUTH_* variables, see the README). */
export interface AuthLimits {
  failureWindowSeconds: number;
  /** Failed logins of one email from one address, or wrong current passwords of one user. */
  failuresPerAccount: number;
  /** Failed logins from one address, whatever the email. */
  failuresPerIp: number;
  /** Failed logins of one email from every address, before its logins are slowed down. */
  failuresBeforeSlowdown: number;
  /** Registrations, and password-reset requests, per address and per email in REQUEST_WINDOW_SECONDS. */
  requestsPerIp: number;
  requestsPerEmail: number;
}

const REQUEST_WINDOW_SECONDS = 3600;
/** Over `failuresBeforeSlowdown`, each login of that email first waits 1 s, 2 s, 4 s, then 8 s. */
const SLOWDOWN_FIRST_MS = 1000;
const SLOWDOWN_MAX_MS = 8000;

/** A password attempt counts as a failure unless `succeeded` is called. */
export interface Attempt {
  succeeded(): Promise<void>;
}

export interface AuthRateLimiter {
  /**
   * Before a login checks the password: TOO_MANY_REQUESTS once the (email, address) pair or the
   * address has used its failures; an email failing from many addresses is slowed, never refused,
   * so its owner still gets in.
   */
  loginAttempt(email: string, ip: string): Promise<Attempt>;
  /** Before auth.changePassword checks the current password (per user). */
  passwordChangeAttempt(userId: string): Promise<Attempt>;
  /** Every registration and every reset request counts, per address and per email. */
  registration(email: string, ip: string): Promise<void>;
  passwordResetRequest(email: string, ip: string): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  redisUrl?: string;
  /** The app's ORM, whose database is the counts' store unless `redisUrl` is given (in memory when neither is). */
  database?: MikroORM;
  /** How a slowed login waits (tests record the delays instead). */
  wait?: (ms: number) => Promise<unknown>;
}

export function createAuthRateLimiter(limits: AuthLimits, options: RateLimiterOptions = {}): AuthRateLimiter {
  const store = createCounterStore(options);
  const wait = options.wait ?? sleep;
  const failures = (name: string) => store.counter(name, limits.failureWindowSeconds);
  const loginByPair = failures('login-pair');
  const loginByIp = failures('login-ip');
  const loginByEmail = failures('login-email');
  const passwordChanges = failures('password-change');

  const requestLimit = (name: string) => {
    const byIp = store.counter(`${name}-ip`, REQUEST_WINDOW_SECONDS);
    const byEmail = store.counter(`${name}-email`, REQUEST_WINDOW_SECONDS);
    return async (email: string, ip: string) => {
      const [fromIp, forEmail] = await Promise.all([byIp.increment(addressKey(ip)), byEmail.increment(email)]);
      refuseOver(limits.requestsPerIp, fromIp);
      refuseOver(limits.requestsPerEmail, forEmail);
    };
  };

  return {
    // Each attempt counts from its start (so parallel guesses cannot all slip past a check) and is
    // taken back when it succeeds; an attempt refused here counts only where it was refused.
    async loginAttempt(email, ip) {
      const address = addressKey(ip);
      const pair = `${email}|${address}`;
      refuseOver(limits.failuresPerAccount, await loginByPair.increment(pair));
      const fromIp = await loginByIp.increment(address);
      if (fromIp.value > limits.failuresPerIp) {
        await loginByPair.decrement(pair);
        refuseOver(limits.failuresPerIp, fromIp);
      }
      const earlier = (await loginByEmail.increment(email)).value - 1;
      if (earlier >= limits.failuresBeforeSlowdown) await wait(slowdownMs(earlier - limits.failuresBeforeSlowdown));
      return {
        async succeeded() {
          await Promise.all([loginByPair.reset(pair), loginByIp.decrement(address), loginByEmail.decrement(email)]);
        },
      };
    },
    async passwordChangeAttempt(userId) {
      refuseOver(limits.failuresPerAccount, await passwordChanges.increment(userId));
      return { succeeded: () => passwordChanges.reset(userId) };
    },
    registration: requestLimit('register'),
    passwordResetRequest: requestLimit('reset'),
    close: () => store.close(),
  };
}

const slowdownMs = (beyond: number) => Math.min(SLOWDOWN_FIRST_MS * 2 ** beyond, SLOWDOWN_MAX_MS);

function refuseOver(limit: number, count: Count): void {
  if (count.value > limit) throw tooManyRequests(Math.max(1, Math.ceil(count.msBeforeReset / 1000)));
}

/**
 * The key of a client address: IPv4 as is (also when IPv6-mapped), IPv6 by its /64, the block one
 * subscriber gets, so cycling through addresses of one network does not reset the counts.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
