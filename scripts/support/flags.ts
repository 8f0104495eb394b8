/** `--name value` from the command line, as a positive integer. */
export function intFlag(name: string, fallback: number): number {
  const raw = parseFlags()[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `--name value` pairs from argv. */
export function parseFlags(argv = process.argv.slice(2)): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (key.startsWith('--')) flags[key.slice(2)] = argv[i + 1]?.startsWith('--') || argv[i + 1] === undefined ? 'true' : argv[++i]!;
  }
  return flags;
}
