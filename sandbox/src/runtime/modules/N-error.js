// @ts-check
'use strict';
/** N/error: SuiteScriptErrors made in the script's realm. */
const { options, required } = require('../expose');

/** @param {import('../invocation').Invocation} inv */
module.exports = function createError(inv) {
  return {
    create(/** @type {any[]} */ ...args) {
      const o = options(args, ['name', 'message', 'notifyOff']);
      const e = /** @type {any} */ (inv.realm.error(String(required(o, 'name', 'error.create')), String(o.message ?? '')));
      e.notifyOff = !!o.notifyOff;
      return e;
    },
    Type: { USER_ERROR: 'USER_ERROR', SSS_USAGE_LIMIT_EXCEEDED: 'SSS_USAGE_LIMIT_EXCEEDED', RCRD_HAS_BEEN_CHANGED: 'RCRD_HAS_BEEN_CHANGED', INVALID_FLD_VALUE: 'INVALID_FLD_VALUE', SSS_MISSING_REQD_ARGUMENT: 'SSS_MISSING_REQD_ARGUMENT' },
  };
};
