import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './db/outage.js';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const commaList = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Which proxies' X-Forwarded-For Express believes, as its `trust proxy` setting takes it: none (the
 * socket address is the client), a hop count, or a list of `loopback` / `linklocal` /
 * `uniquelocal` and addresses or CIDR blocks. `true` (believe anyone) would let every client pick
 * its address, and so its rate limits, and is refused.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string[] => {
    if (['', 'none', 'false', '0'].includes(value)) return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((s) => s.trim());
    const bad = entries.filter((e) => !['loopback', 'linklocal', 'uniquelocal'].includes(e) && !isAddressOrBlock(e));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `must be none, a hop count, or loopback/linklocal/uniquelocal and addresses or CIDR blocks (not ${bad.join(', ')})` });
    return entries;
  });

function isAddressOrBlock(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(DEFAULT_STATEMENT_TIMEOUT_MS),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  DATA_DIR: z.string().default('.data'),
  MIGRATE_ON_START: booleanFlag.default(true),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).optional(),
  CORS_ORIGINS: commaList.default(['http://localhost:5173']),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  IMAGE_HOSTS: commaList.default([]),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SUPABASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  SUPABASE_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be a bucket name').default('product-images'),
  TRUST_PROXY: trustProxy.default(false),
  AUTH_FAILURE_WINDOW_SECONDS: positiveInt(900),
  AUTH_FAILURES_PER_ACCOUNT: positiveInt(5),
  AUTH_FAILURES_PER_IP: positiveInt(100),
  AUTH_FAILURES_BEFORE_SLOWDOWN: positiveInt(10),
  AUTH_REQUESTS_PER_IP: positiveInt(30),
  AUTH_REQUESTS_PER_EMAIL: positiveInt(5),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().trim().min(3).default('Omni-Stock <no-reply@omni-stock.local>'),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  EMBEDDED_DB_IN_PRODUCTION: booleanFlag.default(false),
  JOBS_WORKER: booleanFlag.default(true),
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5, 'must be at least 0.5').max(60).default(2),
  SUPABASE_IMPORTS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be a bucket name').default('imports'),
});

type EnvVars = z.infer<typeof envSchema>;

/** Every variable the configuration reads (.env.example lists each one; a test checks it). */
export const configVariables = Object.keys(envSchema.shape);

export type Config = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Validates the environment once at start-up. Every problem is reported at once, one line per
 * variable, so a deployment is fixed in one pass rather than one restart per mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  problems.push(...crossFieldProblems(env).filter((p) => !problems.some((q) => q.split(':')[0] === p.split(':')[0])));
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const vars = parsed.data;
  const dataDir = resolve(vars.DATA_DIR);
  return buildConfig(vars, dataDir, vars.JWT_SECRET ?? developmentSecret(dataDir));
}

/** Loads `.env` from the working directory when there is one (see .env.example); the environment wins. */
export function loadEnvFile(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

function buildConfig(vars: EnvVars, dataDir: string, jwtSecret: string) {
  const isProduction = vars.NODE_ENV === 'production';
  const publicUrl = (vars.PUBLIC_URL ?? `http://${vars.HOST === '0.0.0.0' ? 'localhost' : vars.HOST}:${vars.PORT}`).replace(/\/+$/, '');
  return {
    env: vars.NODE_ENV,
    isProduction,
    host: vars.HOST,
    port: vars.PORT,
    databaseUrl: vars.DATABASE_URL,
    /** PostgreSQL cancels a statement that runs longer (0: no limit). */
    statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
    /** Connections of each server process's pool; unset: sized at start-up to fit max_connections (src/db/connections.ts). */
    dbPoolSize: vars.DB_POOL_SIZE,
    /** Server processes on the one port (node:cluster when more than 1): every core in production, 1 otherwise. */
    webConcurrency: vars.WEB_CONCURRENCY ?? (isProduction ? availableParallelism() : 1),
    dataDir,
    migrateOnStart: vars.MIGRATE_ON_START,
    jwtSecret,
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: vars.REFRESH_TOKEN_TTL_SECONDS,
    bcryptCost: vars.BCRYPT_COST ?? (isProduction ? 12 : vars.NODE_ENV === 'test' ? 4 : 10),
    corsOrigins: vars.CORS_ORIGINS,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    logLevel: vars.LOG_LEVEL,
    redisUrl: vars.REDIS_URL,
    /** Hosts item image URLs may point at (the active storage's public host is added by the media module). */
    imageHosts: vars.IMAGE_HOSTS.map((h) => h.toLowerCase()),
    /** This server's external base URL (no trailing slash): the local storage's upload and image URLs start here. */
    publicUrl,
    /** Supabase Storage when configured; null selects the local filesystem storage. */
    supabase: vars.SUPABASE_URL && vars.SUPABASE_SERVICE_ROLE_KEY
      ? { url: vars.SUPABASE_URL, serviceRoleKey: vars.SUPABASE_SERVICE_ROLE_KEY, bucket: vars.SUPABASE_BUCKET, importsBucket: vars.SUPABASE_IMPORTS_BUCKET }
      : null,
    /** Express's `trust proxy`: false (none), a hop count, or addresses / CIDR blocks / loopback. */
    trustProxy: vars.TRUST_PROXY,
    authLimits: {
      failureWindowSeconds: vars.AUTH_FAILURE_WINDOW_SECONDS,
      failuresPerAccount: vars.AUTH_FAILURES_PER_ACCOUNT,
      failuresPerIp: vars.AUTH_FAILURES_PER_IP,
      failuresBeforeSlowdown: vars.AUTH_FAILURES_BEFORE_SLOWDOWN,
      requestsPerIp: vars.AUTH_REQUESTS_PER_IP,
      requestsPerEmail: vars.AUTH_REQUESTS_PER_EMAIL,
    },
    /** Without an SMTP server, mail lands as JSON files in <dataDir>/outbox. */
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM },
    /** The web app's base URL, for links in mail (invitations, password reset): this server's own unless it is elsewhere. */
    appUrl: (vars.APP_URL ?? publicUrl).replace(/\/+$/, ''),
    /** Background jobs (imports): whether this process works them (`npm run worker` always does), and how often it polls. */
    jobs: { worker: vars.JOBS_WORKER, pollSeconds: vars.JOBS_POLL_SECONDS },
  };
}

/**
 * Rules between variables, read from the raw environment so they are reported together with the
 * schema's own problems. Supabase needs both variables; without it the local storage serves
 * images from PUBLIC_URL, and production refuses plain http image URLs, so the active storage
 * must then be served over https. Production runs on a real PostgreSQL unless told otherwise.
 */
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (Boolean(env.SUPABASE_URL) !== Boolean(env.SUPABASE_SERVICE_ROLE_KEY)) {
    problems.push('SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY: set both to use Supabase Storage, or neither for local storage');
  }
  if (env.NODE_ENV !== 'production') return problems;
  if (!env.JWT_SECRET) problems.push('JWT_SECRET: required in production (at least 32 characters)');
  if (env.SUPABASE_URL && !env.SUPABASE_URL.startsWith('https:')) problems.push('SUPABASE_URL: must be an https URL in production');
  if (!env.SUPABASE_URL && !env.PUBLIC_URL?.startsWith('https:')) {
    problems.push('PUBLIC_URL: an https URL is required in production when Supabase Storage is not configured');
  }
  if (!env.DATABASE_URL && !['true', '1'].includes(env.EMBEDDED_DB_IN_PRODUCTION ?? '')) {
    problems.push(
      'DATABASE_URL: required in production; the embedded PostgreSQL lives in DATA_DIR on this one machine, with no backups or tuning ' +
        '(set EMBEDDED_DB_IN_PRODUCTION=true to run production on it anyway)',
    );
  }
  return problems;
}

/** Outside production a secret is generated once and kept, so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
