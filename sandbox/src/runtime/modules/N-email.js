// @ts-check
'use strict';
/**
 * N/email: send (20 units) and sendBulk (10), delivered to the account's local mailbox (sb_mail) instead
 * of the internet. As in NetSuite (section_4358681681): author is the internal id of an employee;
 * recipients, cc and bcc are internal ids or email addresses, at most 10 in all; subject and body are
 * required. The mail is written when send() returns, so it stays sent even if the script fails later.
 */
const { options, required } = require('../expose');
const { UNITS } = require('../governance');
const { sandboxError } = require('../../errors');
const { unsupportedFunctions } = require('../unsupported');

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const MAX_RECIPIENTS = 10;

/** @param {import('../invocation').Invocation} inv */
module.exports = function createEmail(inv) {
  const db = inv.engine.db;
  const employee = db.prepare('SELECT id, email, isinactive FROM employee WHERE id = ?');

  /** An id or an address → an address. @param {unknown} v @param {string} where */
  function address(v, where) {
    const s = String(v ?? '').trim();
    if (/^\d+$/.test(s)) {
      const e = /** @type {{ email: string | null } | undefined} */ (employee.get(Number(s)));
      // Unverified: NetSuite also accepts ids of contacts, customers, partners and vendors; the sandbox has employees only.
      if (!e) throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${where}: ${s} is not the internal id of an employee in this account.`);
      if (!e.email) throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${where}: employee ${s} has no email address.`);
      return e.email;
    }
    if (!EMAIL.test(s)) throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${where}: ${JSON.stringify(v)} is neither an internal id nor an email address.`);
    return s;
  }

  /** @param {unknown} v @param {string} where @returns {string[]} */
  const list = (v, where) => (v === undefined || v === null || v === '' ? [] : [].concat(/** @type {any} */ (v)).map((x) => address(x, where)));

  /** @param {'email.send' | 'email.sendBulk'} call @param {any[]} a */
  function send(call, a) {
    const o = options(a, ['author', 'recipients', 'subject', 'body']);
    for (const name of ['author', 'recipients', 'subject', 'body']) required(o, name, call);
    const authorId = Number(o.author);
    const author = Number.isInteger(authorId) ? /** @type {{ id: number, email: string | null, isinactive: string } | undefined} */ (employee.get(authorId)) : undefined;
    if (!author) throw sandboxError('SSS_INVALID_AUTHOR', `${call}: author ${JSON.stringify(o.author)} is not the internal id of an employee in this account.`);
    if (!author.email) throw sandboxError('SSS_INVALID_AUTHOR', `${call}: the author, employee ${authorId}, has no email address.`);
    const to = list(o.recipients, `${call} recipients`);
    const cc = list(o.cc, `${call} cc`);
    const bcc = list(o.bcc, `${call} bcc`);
    if (to.length + cc.length + bcc.length > MAX_RECIPIENTS) {
      throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${call}: ${to.length + cc.length + bcc.length} recipients; at most ${MAX_RECIPIENTS} are allowed (recipients + cc + bcc).`);
    }
    inv.meter.charge(call, UNITS[call]);
    const at = new Date(inv.engine.nowMs()).toISOString();
    const script = inv.script ? inv.script.scriptid : null;
    const subject = String(o.subject);
    db.transaction(() => {
      db.prepare('INSERT INTO sb_mail (at, invocation, script, author, sender, recipients, cc, bcc, subject, body, related) VALUES (?,?,?,?,?,?,?,?,?,?,?)')
        .run(at, inv.id, script, authorId, author.email, JSON.stringify(to), JSON.stringify(cc), JSON.stringify(bcc), subject, String(o.body),
          o.relatedRecords ? JSON.stringify(o.relatedRecords) : null);
      db.prepare('INSERT INTO sb_log (at, invocation, script, deployment, kind, title, detail) VALUES (?,?,?,?,?,?,?)')
        .run(at, inv.id, script, inv.deployment ? inv.deployment.scriptid : null, 'mail', subject, `from ${author.email} to ${[...to, ...cc, ...bcc].join(', ')}`);
    }).immediate();
  }

  return {
    send: (/** @type {any[]} */ ...a) => send('email.send', a),
    sendBulk: (/** @type {any[]} */ ...a) => send('email.sendBulk', a),
    ...unsupportedFunctions('N/email', ['sendCampaignEvent']),
  };
};
