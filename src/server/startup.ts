import { ConfigError, loadConfig, type Config } from '../config.js';
import { ConnectionBudgetError } from '../db/connections.js';
import { DatabaseStartError } from '../db/start-errors.js';

/** Every start-up failure is one clear line on stderr and exit code 1, never a stack trace. */
export function exitWith(error: unknown): never {
  console.error(startupProblem(error));
  process.exit(1);
}

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    return exitWith(error);
  }
}

export function startupProblem(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DatabaseStartError || error instanceof ConnectionBudgetError) {
    return `Omni-Stock could not start: ${error.message}`;
  }
  const { code, syscall, port, address } = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (syscall === 'listen' && code === 'EADDRINUSE') {
    return `Omni-Stock could not start: port ${port} on ${address} is already in use by another server; choose another one, e.g. PORT=${Number(port) + 1} npm start`;
  }
  if (syscall === 'listen' && code === 'EACCES') {
    return `Omni-Stock could not start: no permission to listen on port ${port}; choose a port above 1023 with PORT=`;
  }
  return `Omni-Stock could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}
