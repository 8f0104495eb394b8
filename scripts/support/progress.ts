import cliProgress from 'cli-progress';

/**
 * Feedback for long scripts: a bar on a terminal, a line every few seconds in a log (CI, pipes),
 * and the elapsed time when done. `units` names what is counted ("items", "requests").
 */
export function progressBar(label: string, total: number, units: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${units} | {duration_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    advance: (by = 1) => bar.increment(by),
    done: () => bar.stop(),
  };
}

/** Runs one step, printing its label first and how long it took after: "building indexes… 4.2 s". */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stderr.write(`${label}…`);
  try {
    const result = await work();
    process.stderr.write(` ${seconds(started)}\n`);
    return result;
  } catch (error) {
    process.stderr.write(' failed\n');
    throw error;
  }
}

export const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
