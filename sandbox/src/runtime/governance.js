// @ts-check
'use strict';
/**
 * Governance: what each call costs and what each script type may spend per invocation
 * (../shared/netsuite-facts.md, "Governance units").
 */
const { sandboxError } = require('../errors');

/** Units by record kind: [transaction, custom, entity]; list records (departments …) cost as entities. */
const RECORD_UNITS = {
  load: { transaction: 10, custom: 2, entity: 5, list: 5 },
  create: { transaction: 10, custom: 2, entity: 5, list: 5 },
  copy: { transaction: 10, custom: 2, entity: 5, list: 5 },
  save: { transaction: 20, custom: 4, entity: 10, list: 10 },
  submitFields: { transaction: 10, custom: 2, entity: 5, list: 5 },
  delete: { transaction: 20, custom: 4, entity: 10, list: 10 },
};

const UNITS = {
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
const LIMITS = {
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

class Meter {
  /** @param {number} limit */
  constructor(limit) {
    this.limit = limit;
    this.used = 0;
    this.exhausted = false;
    /** @type {Record<string, { calls: number, units: number }>} */
    this.byCall = {};
  }

  /** Charge before the call runs: a call that would pass the limit fails and does nothing. */
  charge(/** @type {string} */ call, /** @type {number} */ units) {
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

  remaining() {
    return this.limit - this.used;
  }
}

/** @param {'load'|'create'|'copy'|'save'|'submitFields'|'delete'} op @param {'transaction'|'custom'|'entity'|'list'} kind */
const recordUnits = (op, kind) => RECORD_UNITS[op][kind];

module.exports = { Meter, UNITS, LIMITS, recordUnits };
