/**
 * The compiled employee user event (employee_webhooks_ue.js) with Oracle's N/* stubs and our
 * N/crypto/random stub: given a save, the outbox record it writes and the dispatcher it starts.
 */
/* global describe, it, expect, jest, beforeEach, afterEach */
const randomModule = require('N/crypto/random');
const log = require('N/log');
const query = require('N/query');
const record = require('N/record');
const runtime = require('N/runtime');
const task = require('N/task');
const { afterSubmit } = require('SuiteScripts/employee_lifecycle/employee_webhooks_ue');
const { DISPATCH, OUTBOX } = require('SuiteScripts/employee_lifecycle/webhooks/ids');

jest.mock('N/crypto/random');
jest.mock('N/log');
jest.mock('N/query');
jest.mock('N/record');
jest.mock('N/runtime');
jest.mock('N/task');

/** A user event's employee record: field values and texts, and its roles sublist. */
function employee(id, values, roles = []) {
  return {
    id,
    getValue: ({ fieldId }) => values[fieldId] ?? null,
    getText: ({ fieldId }) => (values[fieldId] == null ? '' : `text of ${values[fieldId]}`),
    getFields: () => Object.keys(values),
    getLineCount: ({ sublistId }) => (sublistId === 'roles' ? roles.length : 0),
    getSublistValue: ({ line }) => roles[line].id,
    getSublistText: ({ line }) => roles[line].name,
  };
}

let saved;
let submitted;

beforeEach(() => {
  jest.clearAllMocks();
  global.log = log; // SuiteScript's global log, which the entry points use.
  saved = [];
  submitted = [];
  record.create.mockImplementation(({ type }) => {
    const fields = {};
    return {
      setValue: ({ fieldId, value }) => { fields[fieldId] = value; },
      save: () => { saved.push({ type, fields }); return saved.length; },
    };
  });
  task.create.mockImplementation((options) => ({ submit: () => { submitted.push(options); return 'TASK-1'; } }));
  runtime.getCurrentUser.mockReturnValue({ id: 7, role: 3 });
  runtime.getCurrentScript.mockReturnValue({ getRemainingUsage: () => 1000 });
  runtime.accountId = 'TSTDRV1234567';
  runtime.executionContext = 'USERINTERFACE'; // runtime.ContextType.USER_INTERFACE: Oracle's stub leaves ContextType undefined
  let n = 0;
  randomModule.generateUUID.mockImplementation(() => `uuid-${++n}`);
});

afterEach(() => {
  // The entry point swallows its own errors into log.error: a hidden failure would pass unnoticed otherwise.
  expect(log.error).not.toHaveBeenCalled();
});

describe('employee webhooks user event under @oracle/suitecloud-unit-testing', () => {
  it('queues one outbox record holding the employee.created event, reads no endpoint, and starts the dispatcher', () => {
    const newRecord = employee('42', { entityid: 'Ada Lovelace', firstname: 'Ada', email: 'ada@example.com', isinactive: false, giveaccess: true },
      [{ id: '3', name: 'Administrator' }]);

    afterSubmit({ type: 'create', newRecord, oldRecord: null });

    expect(saved).toHaveLength(1);
    const [{ type, fields }] = saved;
    expect(type).toBe(OUTBOX.type);
    expect(fields[OUTBOX.employee]).toBe(42);
    const events = JSON.parse(fields[OUTBOX.events]);
    expect(events.map((e) => [e.id, e.type])).toEqual([['uuid-1', 'employee.created']]);
    const event = JSON.parse(events[0].body);
    expect(event).toMatchObject({ specversion: '1.0', id: 'uuid-1', type: 'employee.created', subject: '42' });
    expect(event.data.employee).toMatchObject({ id: '42', firstName: 'Ada', email: 'ada@example.com', roles: [{ id: '3', refName: 'Administrator' }] });
    expect(event.data.context).toEqual({ foundBy: 'userEvent', executionContext: 'USERINTERFACE', user: '7', role: '3' });
    // Which endpoints get it is the dispatcher's decision: the save reads none.
    expect(query.runSuiteQL).not.toHaveBeenCalled();
    expect(submitted).toEqual([{ taskType: task.TaskType.MAP_REDUCE, scriptId: DISPATCH.script, deploymentId: DISPATCH.onDemand }]);
  });

  it('for a save that changes no snapshot field, keeps only the snapshot: no events, nothing to dispatch', () => {
    const values = { firstname: 'Ada', custentity_internal_note: 'before' };
    afterSubmit({ type: 'edit', oldRecord: employee('42', values), newRecord: employee('42', { ...values, custentity_internal_note: 'after' }) });
    expect(saved).toHaveLength(1);
    expect(saved[0].fields).toMatchObject({ custrecord_el_who_events: '[]', custrecord_el_who_done: true, custrecord_el_who_employee: 42 });
    expect(JSON.parse(saved[0].fields.custrecord_el_who_snapshot)).toMatchObject({ id: '42', firstName: 'Ada' });
    expect(submitted).toEqual([]);
  });
});
