import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './db/outage.js';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const commaList = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(DEFAULT_STATEMENT_TIMEOUT_MS),
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
  AUTH_RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().trim().min(3).default('Omni-Stock <no-reply@omni-stock.local>'),
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:5173'),
});

export type Config = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment once at start-up; every bad or missing variable gets its own line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const vars = parsed.data;
  const dataDir = resolve(vars.DATA_DIR);
  if (!vars.JWT_SECRET && vars.NODE_ENV === 'production') {
    throw new ConfigError(['JWT_SECRET: required in production (at least 32 characters)']);
  }
  const storageProblem = storageConfigProblem(vars);
  if (storageProblem) throw new ConfigError([storageProblem]);
  return buildConfig(vars, dataDir, vars.JWT_SECRET ?? developmentSecret(dataDir));
}

function buildConfig(vars: z.infer<typeof envSchema>, dataDir: string, jwtSecret: string) {
  const isProduction = vars.NODE_ENV === 'production';
  return {
    env: vars.NODE_ENV,
    isProduction,
    host: vars.HOST,
    port: vars.PORT,
    databaseUrl: vars.DATABASE_URL,
    /** PostgreSQL cancels a statement that runs longer (0: no limit). */
    statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
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
    publicUrl: (vars.PUBLIC_URL ?? `http://${vars.HOST === '0.0.0.0' ? 'localhost' : vars.HOST}:${vars.PORT}`).replace(/\/+$/, ''),
    /** Supabase Storage when configured; null selects the local filesystem storage. */
    supabase: vars.SUPABASE_URL && vars.SUPABASE_SERVICE_ROLE_KEY
      ? { url: vars.SUPABASE_URL, serviceRoleKey: vars.SUPABASE_SERVICE_ROLE_KEY, bucket: vars.SUPABASE_BUCKET }
      : null,
    authRateLimit: { points: vars.AUTH_RATE_LIMIT_POINTS, windowSeconds: vars.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    /** Without an SMTP server, mail lands as JSON files in <dataDir>/outbox. */
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM },
    /** The web client's base URL, for links in mail (invitations, password reset). */
    appUrl: vars.APP_URL.replace(/\/+$/, ''),
  };
}

/**
 * Supabase needs both variables. Without it the local storage serves images from PUBLIC_URL.
 * Production refuses plain http image URLs, so the active storage must then be served over https.
 */
function storageConfigProblem(vars: z.infer<typeof envSchema>): string | null {
  if (Boolean(vars.SUPABASE_URL) !== Boolean(vars.SUPABASE_SERVICE_ROLE_KEY)) {
    return 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY: set both to use Supabase Storage, or neither for local storage';
  }
  if (vars.NODE_ENV !== 'production') return null;
  if (vars.SUPABASE_URL) return vars.SUPABASE_URL.startsWith('https:') ? null : 'SUPABASE_URL: must be an https URL in production';
  return vars.PUBLIC_URL?.startsWith('https:') ? null : 'PUBLIC_URL: an https URL is required in production when Supabase Storage is not configured';
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
