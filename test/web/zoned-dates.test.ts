import { expect } from 'chai';
import { addDays, addMonths, dayIn, daysBetween, startOfDay, weekStart } from '../../web/src/lib/zonedDates.js';

/** The browser's report periods: local days of the vendor's zone, turned into the instants the API takes. */
describe('web: calendar days in a time zone', () => {
  it('a day starts at its local midnight, across offsets and clock changes', () => {
    expect(startOfDay('2026-12-02', 'UTC')).to.equal('2026-12-02T00:00:00.000Z');
    expect(startOfDay('2026-12-02', 'Europe/Berlin')).to.equal('2026-12-01T23:00:00.000Z');
    expect(startOfDay('2026-07-02', 'America/New_York')).to.equal('2026-07-02T04:00:00.000Z'); // summer time
    expect(startOfDay('2026-03-08', 'America/New_York')).to.equal('2026-03-08T05:00:00.000Z'); // clocks go forward at 2:00
    expect(startOfDay('2026-03-09', 'America/New_York')).to.equal('2026-03-09T04:00:00.000Z'); // so this day is 23 hours
    expect(startOfDay('2026-12-02', 'Asia/Kathmandu')).to.equal('2026-12-01T18:15:00.000Z');
    expect(startOfDay('2026-12-02', 'Pacific/Kiritimati')).to.equal('2026-12-01T10:00:00.000Z');
    // Chile skips midnight when summer time starts: the day starts at 01:00, which is 04:00 UTC.
    expect(startOfDay('2026-09-06', 'America/Santiago')).to.equal('2026-09-06T04:00:00.000Z');
  });

  it('the local day of an instant, and calendar arithmetic without zones', () => {
    const at = Date.parse('2026-12-02T03:30:00Z');
    expect(dayIn('UTC', at)).to.equal('2026-12-02');
    expect(dayIn('America/Los_Angeles', at)).to.equal('2026-12-01'); // 19:30 the evening before
    expect(dayIn('Asia/Tokyo', at)).to.equal('2026-12-02');
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-01');
    expect(weekStart('2026-12-02')).to.equal('2026-11-30'); // a Wednesday's Monday
    expect(weekStart('2026-12-06')).to.equal('2026-11-30'); // Sunday ends the ISO week
    expect(weekStart('2026-11-30')).to.equal('2026-11-30');
    expect(daysBetween('2026-12-30', '2027-01-02')).to.deep.equal(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });
});
