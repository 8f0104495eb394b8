/** A script's failure as one line on stderr and exit code 1: its user never sees a stack trace. */
export function exitWithError(error: unknown, prefix = ''): never {
  console.error(`${prefix}${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
