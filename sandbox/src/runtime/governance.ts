/**
 * Governance: what each call costs and what each script type may spend per invocation
 * (../shared/netsuite-facts.md, "Governance units").
 */
import { sandboxError } from '../errors';

export type RecordOp = 'load' | 'create' | 'copy' | 'save' | 'submitFields' | 'delete';
export type RecordKind = 'transaction' | 'custom' | 'entity' | 'list';

/** Units by record kind: [transaction, custom, entity]; list records (departments …) cost as entities. */
const RECORD_UNITS: Record<RecordOp, Record<RecordKind, number>> = {
  load: { transaction: 10, custom: 2, entity: 5, list: 5 },
  create: { transaction: 10, custom: 2, entity: 5, list: 5 },
  copy: { transaction: 10, custom: 2, entity: 5, list: 5 },
  save: { transaction: 20, custom: 4, entity: 10, list: 10 },
  submitFields: { transaction: 10, custom: 2, entity: 5, list: 5 },
  delete: { transaction: 20, custom: 4, entity: 10, list: 10 },
};

export const UNITS: Record<string, number> = {
  'search.lookupFields': 1,
  'search.load': 5,
  'search.save': 5,
  'search.runPaged': 5,
  'search.pagedFetch': 5,
  'search.resultSetEach': 10,
  'search.getRange': 10,
  'query.runSuiteQL': 10,
  'query.runSuiteQLPaged': 10,
  'query.pagedFetch': 10,
  'https.request': 10,
  'email.send': 20,
  'email.sendBulk': 10,
  'task.submit': 20,
};

/** Units per invocation, per script type and entry point. */
export const LIMITS: Record<string, number> = {
  usereventscript: 1000,
  suitelet: 1000,
  restlet: 5000,
  scheduledscript: 10000,
  clientscript: 1000,
  'mapreducescript.getInputData': 10000,
  'mapreducescript.map': 1000,
  'mapreducescript.reduce': 5000,
  'mapreducescript.summarize': 10000,
};

export class Meter {
  readonly limit: number;
  used = 0;
  exhausted = false;
  byCall: Record<string, { calls: number, units: number }> = {};

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Charge before the call runs: a call that would pass the limit fails and does nothing. */
  charge(call: string, units: number): void {
    if (this.used + units > this.limit) {
      this.exhausted = true;
      throw sandboxError('SSS_USAGE_LIMIT_EXCEEDED',
        `Script Execution Usage Limit Exceeded: ${call} needs ${units} units and only ${this.limit - this.used} of ${this.limit} remain.`);
    }
    this.used += units;
    const b = (this.byCall[call] ||= { calls: 0, units: 0 });
    b.calls += 1;
    b.units += units;
  }

  remaining(): number {
    return this.limit - this.used;
  }
}

export const recordUnits = (op: RecordOp, kind: RecordKind): number => RECORD_UNITS[op][kind];
