/** Durations for the clock: a number of ms, or '90s', '5m', '2h', '1d' (and combinations such as '1d2h'). */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };

export function parseDuration(v: number | string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const s = String(v).trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[-+]/, '');
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(body))) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    consumed = re.lastIndex;
  }
  if (!body || consumed !== body.length) throw new Error(`Not a duration: ${JSON.stringify(v)}. Write milliseconds or e.g. 30s, 5m, 2h, 1d, 1d12h.`);
  return sign * total;
}
