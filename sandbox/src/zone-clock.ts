/**
 * The account's time zone as a clock: an instant (UTC ms) to the zone's wall time (its clock fields as a UTC
 * ms value) and back. One implementation for the account's time: SuiteQL's date functions and formats
 * (suiteql/oracle-format) and the scheduler's recurrences (scheduler/recurrence) both use it.
 */
export interface ZoneClock {
  /** Instant → wall time. */
  toWall: (ms: number) => number;
  /** Wall time → instant (the offset taken at the instant itself; a wall time skipped by DST moves forward). */
  toInstant: (wall: number) => number;
}

/** Throws a RangeError when timeZone is not a zone name. */
export function zoneClock(timeZone: string): ZoneClock {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const toWall = (ms: number): number => {
    const p: Record<string, number> = {};
    for (const { type, value } of fmt.formatToParts(new Date(ms))) p[type] = Number(value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  };
  const toInstant = (wall: number): number => {
    let ms = wall - (toWall(wall) - wall);
    ms = wall - (toWall(ms) - ms);
    return ms;
  };
  return { toWall, toInstant };
}
