/**
 * The sandbox's N/* modules against Oracle's stubs (scripts/n-parity.js): what the bundle uses is
 * emulated, enum values agree, nothing is silently missing, and sandbox/N-COVERAGE.md is current.
 */
import * as fs from 'node:fs';
import parity = require('../../scripts/n-parity.js');
import createHttps = require('@employee-lifecycle/sandbox/runtime/modules/N-https');

type Factory = NonNullable<NonNullable<Parameters<typeof parity.computeParity>[0]>['factories']>[string];
const realHttps = createHttps as unknown as Factory;

/** N/https as the sandbox builds it, minus one member. */
const httpsWithout = (member: string): Factory => (inv) => {
  const members = { ...realHttps(inv) };
  delete members[member];
  return members;
};

describe('N/* parity of the sandbox with Oracle\'s stubs', () => {
  const current = parity.computeParity();

  it('emulates what src/ uses, with Oracle\'s enum values, and declares the rest unsupported', () => {
    expect(parity.problems(current)).toEqual([]);
  });

  it('keeps sandbox/N-COVERAGE.md up to date', () => {
    const committed = fs.existsSync(parity.COVERAGE_FILE) ? fs.readFileSync(parity.COVERAGE_FILE, 'utf8') : '';
    // A message, not a diff: the fix is to regenerate.
    if (committed !== parity.coverageMarkdown(current)) throw new Error(`sandbox/N-COVERAGE.md is out of date: run \`${parity.COMMAND}\` and commit it.`);
  });

  it('fails when a member src/ uses is missing from the sandbox module', () => {
    const found = parity.problems(parity.computeParity({ factories: { 'N/https': httpsWithout('post') } }));
    expect(found).toContain('(a) src/ uses N/https.post, which the sandbox has as missing');
    expect(found).toContain('(c) N/https.post is missing: emulate it or declare it with sandbox/src/runtime/unsupported.ts');
  });

  it('fails when an enum value differs from Oracle\'s', () => {
    const factory: Factory = (inv) => ({ ...realHttps(inv), Method: { GET: 'GET', POST: 'post', PUT: 'PUT', DELETE: 'DELETE', HEAD: 'HEAD' } });
    const found = parity.problems(parity.computeParity({ factories: { 'N/https': factory } }));
    expect(found).toEqual(['(b) N/https.Method.POST is "post" in the sandbox, "POST" in Oracle\'s stub']);
  });

  it('reports an unsupported member by the name the sandbox throws', () => {
    const https = parity.sandboxModule('N/https') as Record<string, () => unknown>;
    expect(typeof https.createSecretKey).toBe('function');
    expect(() => https.createSecretKey()).toThrow('N/https.createSecretKey is not supported by the sandbox');
    const record = parity.sandboxModule('N/record') as { Type: Record<string, string> };
    expect(record.Type.EMPLOYEE).toBe('employee');
    expect(() => record.Type.SALES_ORDER).toThrow('N/record.Type.SALES_ORDER is not supported by the sandbox');
  });
});
