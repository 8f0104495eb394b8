import { expect } from 'chai';
import { describeGroup, fuzz, groupFailures } from './runner.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
const CALLS = 2_000;

describe('fuzz tier', () => {
  // On a failure, the message lists each INTERNAL_SERVER_ERROR grouped by cause, with the command that replays one.
  it(`answers no INTERNAL_SERVER_ERROR over ${CALLS} seeded calls of every procedure as every role (seed ${SEED})`, async function () {
    this.timeout(120_000);
    const report = await fuzz({ calls: CALLS, seed: SEED });
    expect(report.calls).to.equal(CALLS);
    const groups = groupFailures(report.failures);
    const listing = groups.map(describeGroup).join('\n');
    expect(report.failures.length, `${report.failures.length} INTERNAL_SERVER_ERROR in ${groups.length} groups:\n${listing}\n`).to.equal(0);
  });
});
