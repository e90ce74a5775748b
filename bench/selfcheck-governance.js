// @ts-check
'use strict';
/**
 * The access self-check Suitelet's governance per run, beside its floor: for another role, one SuiteQL
 * read of the role with its permissions (10), one of its access tokens (10) and one of its failed logins in
 * the Login Audit Trail (10, the evidence); the page adds the role list for its picker (10). Features
 * (runtime.isFeatureInEffect) cost nothing.
 */
const path = require('node:path');

const SL = 'customscript_el_access_selfcheck_sl';
const DEPLOY = 'customdeploy_el_access_selfcheck_sl';
const LIMIT = 1000;

/**
 * @param {typeof import('@employee-lifecycle/sandbox').bootAccount} bootAccount @param {string} dataDir
 * @returns {Promise<Array<Record<string, string | number>>>}
 */
async function selfcheckGovernance(bootAccount, dataDir) {
  const account = await bootAccount({ dataDir: path.join(dataDir, 'selfcheck'), port: 0 });
  try {
    const cookie = account.signIn({ email: 'ada.admin@example.com', password: 'Sandbox-Admin-1', role: 'administrator' });
    const rows = [];
    for (const [what, query, floor] of /** @type {const} */ ([
      ['Self-check per run, JSON, another role (with the audit query)', { role: 1002, method: 'tba', profile: 'reporting', format: 'json' }, 30],
      ['Self-check per run, page, another role (with the audit query)', { role: 1002, method: 'tba', profile: 'reporting' }, 40],
    ])) {
      const before = account.invocations({ script: SL }).length;
      const res = await fetch(account.suiteletUrl(SL, DEPLOY, query), { headers: { cookie } });
      if (res.status !== 200) throw new Error(`bench: the self-check answered ${res.status}`);
      await res.text();
      const inv = account.invocations({ script: SL }).slice(before)[0];
      if (!inv || inv.error) throw new Error(`bench: the self-check failed: ${inv && inv.error}`);
      rows.push({ measure: what, units: inv.units, floor, 'of limit': `${((inv.units / LIMIT) * 100).toFixed(1)} % of ${LIMIT}` });
    }
    return rows;
  } finally {
    await account.close();
  }
}

module.exports = { selfcheckGovernance };
