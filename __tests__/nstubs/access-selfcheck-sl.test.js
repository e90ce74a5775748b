/**
 * The compiled self-check Suitelet (access_selfcheck_sl.js) with Oracle's N/* stubs: what it writes to
 * the response for an account whose REST web services feature is off.
 */
/* global describe, it, expect, jest, beforeEach */
const query = require('N/query');
const runtime = require('N/runtime');
const serverWidget = require('N/ui/serverWidget');
const log = require('N/log');
const { onRequest } = require('SuiteScripts/employee_lifecycle/access_selfcheck_sl');

jest.mock('N/log');
jest.mock('N/query');
jest.mock('N/runtime');
jest.mock('N/ui/serverWidget');

const OFF = new Set(['RESTWEBSERVICES']);

/** A response that keeps what the Suitelet wrote. */
function response() {
  const out = { headers: {}, written: '', page: null };
  return {
    out,
    setHeader: ({ name, value }) => { out.headers[name] = value; },
    write: ({ output }) => { out.written += output; },
    writePage: ({ pageObject }) => { out.page = pageObject; },
  };
}

beforeEach(() => {
  jest.clearAllMocks();
  global.log = log;
  runtime.getCurrentUser.mockReturnValue({ id: 7, role: 3, roleId: 'administrator', getPermission: () => 4 });
  runtime.getCurrentScript.mockReturnValue({ id: 'customscript_el_access_selfcheck_sl', deploymentId: 'customdeploy_el_access_selfcheck_sl' });
  runtime.isFeatureInEffect.mockImplementation(({ feature }) => !OFF.has(feature));
  query.runSuiteQL.mockImplementation(({ query: sql }) => ({
    asMappedResults: () => (/FROM role WHERE id = \?/.test(sql) ? [{ name: 'Administrator' }] : /FROM role/.test(sql) ? [{ id: 3, name: 'Administrator' }] : []),
  }));
});

describe('access self-check Suitelet under @oracle/suitecloud-unit-testing', () => {
  it('answers format=json with the report: the disabled feature fails and says how to fix it', () => {
    const res = response();
    onRequest({ request: { method: 'GET', parameters: { format: 'json', method: 'tba', profile: 'reporting' } }, response: res });

    expect(res.out.headers['Content-Type']).toMatch(/^application\/json/);
    const report = JSON.parse(res.out.written);
    expect(report.role).toEqual({ id: 3, name: 'Administrator' });
    const rest = report.checks.find((c) => c.id === 'feature.RESTWEBSERVICES');
    expect(rest).toMatchObject({ status: 'fail' });
    expect(rest.fix).not.toBe('');
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['feature.RESTWEBSERVICES']);
    expect(report.counts.fail).toBe(1);
  });

  it('writes a form for a browser, with the role picker filled from the account', () => {
    const fields = [];
    const form = {
      addField: jest.fn((o) => {
        const f = { ...o, options: [], addSelectOption: (s) => f.options.push(s), setHelpText: () => undefined };
        fields.push(f);
        return f;
      }),
      addFieldGroup: jest.fn(), addSubmitButton: jest.fn(),
      addSublist: jest.fn(() => ({ addField: jest.fn(), setSublistValue: jest.fn() })),
    };
    serverWidget.createForm.mockReturnValue(form);
    const res = response();

    onRequest({ request: { method: 'GET', parameters: {} }, response: res });

    expect(res.out.page).toBe(form);
    const role = fields.find((f) => f.type === serverWidget.FieldType.SELECT && f.label === 'Role');
    expect(role.options).toEqual([{ value: '3', text: 'Administrator', isSelected: true }]);
    const summary = fields.find((f) => f.id === 'custpage_summary');
    expect(summary.defaultValue).toContain('1 check fail');
  });
});
