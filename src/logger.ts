import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Readable, coloured lines instead of JSON (development on a terminal). */
  pretty?: boolean;
}

/** JSON lines for machines; readable lines for a developer watching a terminal. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings = { level, base: { service: 'omni-stock' }, redact: ['req.headers.authorization', '*.password'] };
  return options.pretty ? pino(settings, prettyStream()) : pino(settings);
}

/** Pretty output only where a person reads it: never in production, never into a pipe or file. */
export const wantsPrettyLogs = (isProduction: boolean) => !isProduction && process.stdout.isTTY === true;

// Loaded only when used, so production processes never carry the prettifier.
function prettyStream(): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as (options: PrettyOptions) => DestinationStream;
  return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
}
