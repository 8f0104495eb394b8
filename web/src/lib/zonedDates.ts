/**
 * Calendar days in a time zone (the vendor's), as reports count them. A day is "YYYY-MM-DD";
 * calendar arithmetic runs on UTC dates (no zone, no DST), and only the conversion of a day's
 * start into an instant looks at the zone, through Intl (the browser's own tz data).
 */
export type CalendarDay = string;

const DAY_MS = 86_400_000;
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string) {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time in `timeZone` at `at`, read as if it were UTC (milliseconds). */
function wallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(partsFormat(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

const utcDay = (ms: number): CalendarDay => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: CalendarDay) => Date.parse(`${day}T00:00:00Z`);

/** The calendar day in `timeZone` at `at` (default now). */
export const dayIn = (timeZone: string, at = Date.now()): CalendarDay => utcDay(wallClock(at, timeZone));

export const addDays = (day: CalendarDay, days: number): CalendarDay => utcDay(dayMs(day) + days * DAY_MS);

/** The first day of the month `months` after the month of `day`. */
export function addMonths(day: CalendarDay, months: number): CalendarDay {
  const date = new Date(dayMs(day));
  return utcDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

/** The Monday of the ISO week `day` is in. */
export function weekStart(day: CalendarDay): CalendarDay {
  const weekday = (new Date(dayMs(day)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/**
 * The instant `day` starts in `timeZone` (its local midnight, or the first moment after it when a
 * clock change skips midnight), as an ISO string for the API.
 */
export function startOfDay(day: CalendarDay, timeZone: string): string {
  const midnight = dayMs(day);
  let at = midnight - (wallClock(midnight, timeZone) - midnight);
  // A second pass settles a day whose offset differs from the guess's (a clock change in between).
  at = at - (wallClock(at, timeZone) - midnight);
  if (utcDay(wallClock(at, timeZone)) !== day) at += DAY_MS / 24;
  return new Date(at).toISOString();
}

/** Every day from `first` to `last`, both included (at most `limit`). */
export function daysBetween(first: CalendarDay, last: CalendarDay, limit = 1000): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = first; day <= last && days.length < limit; day = addDays(day, 1)) days.push(day);
  return days;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Dec 2, 2026" */
export const formatDay = (day: CalendarDay) => dayFormat.format(dayMs(day));
/** "Dec 2": chart axes. */
export const formatShortDay = (day: CalendarDay) => shortDayFormat.format(dayMs(day));
/** "2026-12" → "December 2026" */
export const formatMonth = (month: string) => monthFormat.format(dayMs(`${month}-01`));
