/**
 * N/email: send (20 units) and sendBulk (10), delivered to the account's local mailbox (sb_mail) instead
 * of the internet. As in NetSuite (section_4358681681): author is the internal id of an employee;
 * recipients, cc and bcc are internal ids or email addresses, at most 10 in all; subject and body are
 * required. The mail is written when send() returns, so it stays sent even if the script fails later.
 */
import { options, required } from '../expose';
import { UNITS } from '../governance';
import type { Invocation } from '../invocation';
import { sandboxError } from '../../errors';
import { unsupportedFunctions } from '../unsupported';
import { asText as text } from '../../text';

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const MAX_RECIPIENTS = 10;

function createEmail(inv: Invocation) {
  const db = inv.engine.db;
  const employee = db.prepare<[number], { id: number, email: string | null, isinactive: string }>('SELECT id, email, isinactive FROM employee WHERE id = ?');

  /** An id or an address → an address. */
  function address(v: unknown, where: string): string {
    const s = text(v ?? '').trim();
    if (/^\d+$/.test(s)) {
      const e = employee.get(Number(s));
      // Employees only: the account holds no contacts, customers, partners or vendors (FIDELITY.md, N/email:
      // "Recipient ids may only be employees").
      if (!e) throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${where}: ${s} is not the internal id of an employee in this account.`);
      if (!e.email) throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${where}: employee ${s} has no email address.`);
      return e.email;
    }
    if (!EMAIL.test(s)) throw sandboxError('SSS_INVALID_EMAIL_RECIPIENT', `${where}: ${JSON.stringify(v)} is neither an internal id nor an email address.`);
    return s;
  }

  const list = (v: unknown, where: string): string[] => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v as unknown[] : [v]).map((x) => address(x, where)));

  function send(call: 'email.send' | 'email.sendBulk', a: unknown[]): void {
    const o = options(a, ['author', 'recipients', 'subject', 'body']);
    for (const name of ['author', 'recipients', 'subject', 'body']) required(o, name, call);
    const authorId = Number(o.author);
    const author = Number.isInteger(authorId) ? employee.get(authorId) : undefined;
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
    const subject = text(o.subject);
    db.transaction(() => {
      db.prepare('INSERT INTO sb_mail (at, invocation, script, author, sender, recipients, cc, bcc, subject, body, related) VALUES (?,?,?,?,?,?,?,?,?,?,?)')
        .run(at, inv.id, script, authorId, author.email, JSON.stringify(to), JSON.stringify(cc), JSON.stringify(bcc), subject, text(o.body),
          o.relatedRecords ? JSON.stringify(o.relatedRecords) : null);
      db.prepare('INSERT INTO sb_log (at, invocation, script, deployment, kind, title, detail) VALUES (?,?,?,?,?,?,?)')
        .run(at, inv.id, script, inv.deployment ? inv.deployment.scriptid : null, 'mail', subject, `from ${author.email} to ${[...to, ...cc, ...bcc].join(', ')}`);
    }).immediate();
  }

  return {
    send: (...a: unknown[]) => send('email.send', a),
    sendBulk: (...a: unknown[]) => send('email.sendBulk', a),
    ...unsupportedFunctions('N/email', ['sendCampaignEvent']),
  };
}

export = createEmail;
