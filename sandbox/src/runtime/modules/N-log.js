// @ts-check
'use strict';
/** N/log (also the global `log`): lines go to the script's execution log (sb_log), filtered by the deployment's log level. */
const { options } = require('../expose');

const LEVELS = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY'];

/** @param {import('../invocation').Invocation} inv */
module.exports = function createLog(inv) {
  const min = Math.max(0, LEVELS.indexOf(String(inv.deployment?.loglevel || 'DEBUG').toUpperCase()));
  /** @param {string} level */
  const writer = (level) => (/** @type {any[]} */ ...args) => {
    if (LEVELS.indexOf(level) < min) return;
    const o = options(args, ['title', 'details']);
    const details = o.details === undefined ? '' : typeof o.details === 'string' ? o.details : safeJson(o.details);
    inv.log(level, o.title === undefined ? '' : String(o.title), details);
  };
  return { debug: writer('DEBUG'), audit: writer('AUDIT'), error: writer('ERROR'), emergency: writer('EMERGENCY') };
};

/** @param {unknown} v */
function safeJson(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
