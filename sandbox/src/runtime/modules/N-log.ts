/** N/log (also the global `log`): lines go to the script's execution log (sb_log), filtered by the deployment's log level. */
import { options } from '../expose';
import type { Invocation } from '../invocation';

const LEVELS = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY'];

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export = function createLog(inv: Invocation) {
  const min = Math.max(0, LEVELS.indexOf(String(inv.deployment?.loglevel || 'DEBUG').toUpperCase()));
  const writer = (level: string) => (...args: unknown[]): void => {
    if (LEVELS.indexOf(level) < min) return;
    const o = options(args, ['title', 'details']);
    const details = o.details === undefined ? '' : typeof o.details === 'string' ? o.details : safeJson(o.details);
    inv.log(level, o.title === undefined ? '' : String(o.title), details);
  };
  return { debug: writer('DEBUG'), audit: writer('AUDIT'), error: writer('ERROR'), emergency: writer('EMERGENCY') };
};
