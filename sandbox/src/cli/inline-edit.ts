/**
 * `inline-edit <type> <id> field=value …`: an inline edit (xedit) as from a list in the UI, through
 * account.records.inlineEdit, the path record.submitFields takes: only inline-editable fields, and user
 * events fire with type XEDIT (newRecord holds only the edited fields) in the USERINTERFACE context.
 */
import type { Account } from '../account';
import type { RecordTypeDef } from '../records/types';
import { CliError, UsageError } from './errors';
import { lastTaskSeq, reportTasks } from './tasks';

export interface Edit { type: string, id: number, values: Record<string, string> }

const USAGE = 'inline-edit <RECORD_TYPE> <ID> <FIELD>=<VALUE> …';

/** The command line's record, id and field=value pairs (field ids as in SuiteQL, e.g. title, isinactive). */
export function parseEdit(rest: string[]): Edit {
  const [type, idText, ...pairs] = rest;
  if (!type || !idText || !pairs.length) throw new UsageError(`Missing argument: ${USAGE}`);
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`inline-edit: <ID> is the record's internal id, a whole number, not ${idText}.`);
  const values: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq < 1) throw new UsageError(`inline-edit: write each field as field=value (e.g. title=Principal), not ${p}.`);
    values[p.slice(0, eq).toLowerCase()] = p.slice(eq + 1);
  }
  return { type: type.toLowerCase(), id, values };
}

export async function inlineEdit(account: Account, edit: Edit): Promise<void> {
  const t = account.types[edit.type];
  if (!t) throw new CliError(`There is no record type ${edit.type} in this account; types: ${Object.keys(account.types).join(', ')}.`);
  const invocations = lastInvocation(account);
  const tasks = lastTaskSeq(account);
  try {
    await account.records.inlineEdit(t.id, edit.id, scriptValues(t, edit.values));
  } catch (e) {
    // NetSuite's refusals (USER_ERROR for a field that is not inline-editable, RCRD_DSNT_EXIST …) are the answer.
    const err = e as Error & { code?: unknown };
    if (typeof err.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(err.code)) throw new CliError(`${err.name}: ${err.message}`);
    throw e;
  }
  const saved = account.records.get(t.id, edit.id);
  console.log(`Inline edit (xedit) of ${t.id} ${edit.id} saved:`);
  for (const k of Object.keys(edit.values)) console.log(`  ${k} = ${show(saved?.[t.fields[k].rest])}`);
  const ran = account.db.prepare<[number], { script: string, entry: string, context: string, error: string | null }>(
    "SELECT script, entry, context, error FROM sb_invocation WHERE rowid > ? AND entry IN ('beforeSubmit', 'afterSubmit') ORDER BY rowid").all(invocations);
  console.log(ran.length ? 'User events (type xedit):' : 'No user event is deployed on this record type.');
  for (const r of ran) console.log(`  ${r.script} ${r.entry} (${r.context})${r.error ? `: ${r.error}` : ''}`);
  if (lastTaskSeq(account) > tasks) {
    console.log('Tasks they started:');
    if (!(await reportTasks(account, tasks))) process.exitCode = 1;
  }
}

const lastInvocation = (account: Account): number =>
  account.db.prepare<[], { n: number | null }>('SELECT MAX(rowid) AS n FROM sb_invocation').get()?.n ?? 0;

/** Command-line text in the form N/record takes: checkboxes T/F, dates YYYY-MM-DD; '' clears a field. */
function scriptValues(t: RecordTypeDef, values: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]): [string, unknown] => {
    const f = t.fields[k] as RecordTypeDef['fields'][string] | undefined;
    if (!f) return [k, v]; // refused by name where NetSuite refuses it
    if (f.kind === 'checkbox') {
      if (!/^(t|f|true|false)$/i.test(v)) throw new CliError(`${k} is a checkbox: write ${k}=T or ${k}=F, not ${k}=${v}.`);
      return [k, /^t/i.test(v)];
    }
    if (v === '') return [k, ''];
    if (f.kind === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new CliError(`${k} is a date: write ${k}=YYYY-MM-DD, not ${k}=${v}.`);
      return [k, { $date: v }];
    }
    if (f.kind === 'datetime') {
      if (Number.isNaN(Date.parse(v))) throw new CliError(`${k} is a date and time: write it as ISO 8601 (e.g. 2026-11-02T09:00:00Z), not ${v}.`);
      return [k, new Date(v)];
    }
    return [k, v];
  }));
}

/** A field as the REST record shows it: a select as its name and id. */
function show(v: unknown): string {
  if (v === undefined || v === null) return '(empty)';
  if (typeof v === 'object' && 'id' in v) return 'refName' in v ? `${String(v.refName)} (${String(v.id)})` : String(v.id);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
