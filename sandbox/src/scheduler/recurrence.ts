/**
 * A scheduled deployment's <recurrence> (SDF XML, as sdf/project.js keeps it) as a function of time: the
 * latest occurrence at or before a moment. Forms supported: single, daily (everyxdays), everyweekday and
 * weekly (everyxweeks and the day flags), each with startdate, starttime, an optional enddate and an
 * optional repeat within the day (an ISO 8601 duration such as PT15M, PT30M, PT1H, PT2H: SDF's
 * generic_repeat_time values, seen in public SDF projects). monthly, monthlydayofweek, yearly and
 * yearlydayofweek are refused with what to write instead.
 *
 * Time: a starttime with Z (as SDF writes it, "01:00:00Z") is UTC and so are its days; a starttime without
 * a zone is wall time in the account's time zone. Repeats run from the start time until midnight of the same
 * day; weeks for everyxweeks start on Sunday. Assumed (FIDELITY.md, Scheduled scripts and the scheduler: "A
 * repeat (PT15M, PT30M, PT1H …) runs from the start time until midnight", "Weeks of everyxweeks start on Sunday").
 */

import { zoneClock, type ZoneClock } from '../zone-clock';

const DAY = 86400000;
export const SUPPORTED = ['single', 'daily', 'everyweekday', 'weekly'];
const UNSUPPORTED = ['monthly', 'monthlydayofweek', 'yearly', 'yearlydayofweek'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** How far back one look for an occurrence goes (days): a clock moved further than this runs nothing. */
const MAX_SCAN_DAYS = 3700;

export class RecurrenceError extends Error {}

export interface Recurrence { form: string, describe: string, latestAtOrBefore(nowMs: number): number | null }

/**
 * recurrence: the <recurrence> element, e.g. { daily: { startdate, starttime, everyxdays, repeat } }; o.where: the
 * deployment and file, for messages. Throws a RecurrenceError saying what to change.
 */
export function parseRecurrence(recurrence: Record<string, unknown> | null | undefined, o: { timeZone: string, where: string }): Recurrence {
  const forms = Object.keys(recurrence || {}).filter((k) => !k.startsWith('@_') && k !== '#text');
  if (forms.length !== 1) {
    throw new RecurrenceError(`${o.where}: <recurrence> must hold exactly one of ${[...SUPPORTED, ...UNSUPPORTED].join(', ')}${forms.length ? `, not ${forms.join(' and ')}` : ''}.`);
  }
  const form = forms[0];
  if (UNSUPPORTED.includes(form)) {
    throw new RecurrenceError(`${o.where}: <recurrence><${form}> is not supported by the sandbox account's scheduler (it runs ${SUPPORTED.join(', ')}). Use one of those, or submit the deployment yourself with account.mapReduce.submit.`);
  }
  if (!SUPPORTED.includes(form)) throw new RecurrenceError(`${o.where}: <recurrence><${form}> is not an SDF recurrence; use one of ${SUPPORTED.join(', ')}.`);
  const raw = recurrence?.[form];
  const f: Record<string, unknown> = raw && typeof raw === 'object' ? raw as Record<string, unknown> : {};
  const field = (name: string): string | null => { const v = f[name]; return typeof v === 'string' && v.trim() ? v.trim() : null; };
  const where = `${o.where}: <recurrence><${form}>`;

  const time = /^(\d{2}):(\d{2})(?::(\d{2}))?(Z)?$/i.exec(field('starttime') || '');
  if (!time) throw new RecurrenceError(`${where} needs <starttime> as HH:MM:SS with Z for UTC (e.g. 01:00:00Z), not ${JSON.stringify(f.starttime ?? null)}.`);
  const { toWall, toInstant }: ZoneClock = time[4] ? { toWall: (ms) => ms, toInstant: (ms) => ms } : zoneClock(o.timeZone);
  const timeOfDay = (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] || 0)) * 1000;
  if (timeOfDay >= DAY) throw new RecurrenceError(`${where}: <starttime> ${field('starttime')} is not a time of day.`);
  const startDay = requiredDate(field('startdate'), `${where} <startdate>`);
  const endDay = date(field('enddate'), `${where} <enddate>`);
  const repeat = duration(field('repeat'), `${where} <repeat>`);

  let matches: (day: number) => boolean;
  let describe: string;
  if (form === 'single') {
    matches = (day) => day === startDay;
    describe = `once on ${iso(startDay)}`;
  } else if (form === 'daily') {
    const every = count(field('everyxdays'), `${where} <everyxdays>`);
    matches = (day) => ((day - startDay) / DAY) % every === 0;
    describe = every === 1 ? 'every day' : `every ${every} days`;
  } else if (form === 'everyweekday') {
    matches = (day) => { const w = new Date(day).getUTCDay(); return w >= 1 && w <= 5; };
    describe = 'every weekday';
  } else {
    const every = count(field('everyxweeks'), `${where} <everyxweeks>`);
    const days = WEEKDAYS.map((d) => field(d) === 'T');
    if (!days.some(Boolean)) throw new RecurrenceError(`${where}: set at least one of ${WEEKDAYS.map((d) => `<${d}>`).join(', ')} to T.`);
    const firstSunday = startDay - new Date(startDay).getUTCDay() * DAY;
    matches = (day) => days[new Date(day).getUTCDay()] && Math.floor((day - firstSunday) / (7 * DAY)) % every === 0;
    describe = `every ${every === 1 ? '' : `${every} weeks on `}${WEEKDAYS.filter((_, i) => days[i]).join(', ')}`;
  }
  const at = `${pad(time[1])}:${pad(time[2])}${time[4] ? ' UTC' : ` (${o.timeZone})`}`;
  describe = `${describe} at ${at}${repeat ? `, then every ${repeat / 60000} minutes until midnight` : ''}${endDay !== null ? ` until ${iso(endDay)}` : ''}`;

  return {
    form,
    describe,
    latestAtOrBefore(nowMs) {
      const nowWall = toWall(nowMs);
      const last = endDay === null ? nowWall : Math.min(nowWall, endDay + DAY - 1);
      for (let day = Math.floor(last / DAY) * DAY, n = 0; day >= startDay && n < MAX_SCAN_DAYS; day -= DAY, n++) {
        if (!matches(day)) continue;
        const first = day + timeOfDay;
        if (first > last) continue;
        const wall = repeat ? first + Math.floor(Math.min(last - first, DAY - 1 - timeOfDay) / repeat) * repeat : first;
        return toInstant(wall);
      }
      return null;
    },
  };
}

function requiredDate(v: string | null, where: string): number {
  const ms = date(v, where);
  if (ms === null) throw new RecurrenceError(`${where} is missing: write the first day as YYYY-MM-DD.`);
  return ms;
}

function date(v: string | null, where: string): number | null {
  if (v === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[3])) throw new RecurrenceError(`${where} must be a date as YYYY-MM-DD, not ${JSON.stringify(v)}.`);
  return ms;
}

function count(v: string | null, where: string): number {
  const n = v !== null && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new RecurrenceError(`${where} must be a whole number from 1 to 1000, not ${JSON.stringify(v)}.`);
  return n;
}

/** An ISO 8601 duration in hours and minutes (PT15M, PT1H, PT1H30M) → ms; empty → 0 (no repeat). */
function duration(v: string | null, where: string): number {
  if (v === null) return 0;
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/i.exec(v);
  const ms = m && (m[1] || m[2]) ? (Number(m[1] || 0) * 60 + Number(m[2] || 0)) * 60000 : 0;
  if (!ms) throw new RecurrenceError(`${where} must be a duration such as PT15M, PT30M, PT1H or PT2H, not ${JSON.stringify(v)}.`);
  return ms;
}

const pad = (s: string): string => s.padStart(2, '0');
const iso = (day: number): string => new Date(day).toISOString().slice(0, 10);
