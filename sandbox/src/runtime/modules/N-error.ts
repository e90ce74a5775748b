/** N/error: SuiteScriptErrors made in the script's realm. */
import { options, required } from '../expose';
import type { Invocation } from '../invocation';

export = function createError(inv: Invocation) {
  return {
    create(...args: unknown[]): Error {
      const o = options(args, ['name', 'message', 'notifyOff']);
      const e = inv.realm.error(String(required(o, 'name', 'error.create')), String(o.message ?? ''));
      Object.assign(e, { notifyOff: !!o.notifyOff });
      return e;
    },
    Type: { USER_ERROR: 'USER_ERROR', SSS_USAGE_LIMIT_EXCEEDED: 'SSS_USAGE_LIMIT_EXCEEDED', RCRD_HAS_BEEN_CHANGED: 'RCRD_HAS_BEEN_CHANGED', INVALID_FLD_VALUE: 'INVALID_FLD_VALUE', SSS_MISSING_REQD_ARGUMENT: 'SSS_MISSING_REQD_ARGUMENT' },
  };
};
