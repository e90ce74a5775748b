/**
 * The "Leavers" page: leavers due (each with what depends on them, held or ready, as a run would treat
 * them: the dry run, as a page), leavers done, and the confirmation of an action. Every value escaped.
 */
import * as serverWidget from 'N/ui/serverWidget';
import { escapeHtml } from '../access/html';
import { a, GREEN, hidden, html, link, RED } from '../ui/page-parts';
import type { LeaverRow } from './data';

export const P = { action: 'custpage_action', employee: 'custpage_employee', reassign: 'custpage_reassign', confirm: 'custpage_confirm', format: 'format' } as const;

function frame(notice: { ok: boolean, message: string } | null): serverWidget.Form {
  const form = serverWidget.createForm({ title: 'Leavers' });
  if (notice) html(form, 'custpage_notice', `<div role="${notice.ok ? 'status' : 'alert'}" style="${notice.ok ? GREEN : RED}"><b>${escapeHtml(notice.message)}</b></div>`);
  return form;
}

/** Why the run would hold this leaver, or '' when nothing depends on them. */
export function holdText(l: LeaverRow): string {
  const why: string[] = [];
  if (l.kept) return `protected: ${l.kept}`;
  if (l.liveTokens) why.push(`owns ${l.liveTokens} live access token${l.liveTokens === 1 ? '' : 's'}`);
  if (l.supervisees) why.push(`supervises ${l.supervisees} active employee${l.supervisees === 1 ? '' : 's'}${l.supervisor ? ` (would go to ${l.supervisor.name})` : ''}`);
  return why.join('; ');
}

export function leaversPage(base: string, due: LeaverRow[], done: LeaverRow[], notice: { ok: boolean, message: string } | null): serverWidget.Form {
  const form = frame(notice);
  const held = due.filter((l) => holdText(l)).length;
  html(form, 'custpage_summary', `<p style="font-size:14px"><b>${due.length - held}</b> ready to offboard, <b>${held}</b> held, <b>${done.length}</b> done. `
    + `${a(link(base, { [P.action]: 'run' }), 'Run the whole batch…')} · ${a(link(base, { [P.format]: 'json' }), 'This page as JSON')}</p>`);
  const columns: Array<[string, string]> = [['name', 'Leaver'], ['date', 'Termination date'], ['supervisor', 'Supervisor'], ['state', 'Preflight'], ['actions', 'Actions']];
  const list = (id: string, label: string, rows: LeaverRow[], actions: boolean) => {
    const sub = form.addSublist({ id, label, type: serverWidget.SublistType.LIST });
    for (const [col, title] of columns) if (actions || col !== 'actions') sub.addField({ id: `custpage_${col}`, label: title, type: serverWidget.FieldType.TEXT });
    rows.forEach((l, line) => {
      const hold = holdText(l);
      const values: Record<string, string> = {
        name: `${escapeHtml(l.name)} (${l.id})`, date: escapeHtml(l.releaseDate), supervisor: escapeHtml(l.supervisor?.name ?? '—'),
        state: actions ? (hold ? `<span style="${RED}">Held: ${escapeHtml(hold)}</span>` : `<span style="${GREEN}">Ready</span>`) : 'Offboarded',
        actions: !actions ? '' : l.kept ? a(link(base, { [P.action]: 'unprotect', [P.employee]: l.id }), 'Unprotect…')
          : [a(link(base, { [P.action]: 'approve', [P.employee]: l.id }), 'Approve…'),
            ...(l.supervisees ? [a(link(base, { [P.action]: 'approve', [P.employee]: l.id, [P.reassign]: 'T' }), 'Approve and reassign…')] : []),
            a(link(base, { [P.action]: 'protect', [P.employee]: l.id }), 'Protect…')].join(' · '),
      };
      for (const [col] of columns) if ((actions || col !== 'actions') && values[col]) sub.setSublistValue({ id: `custpage_${col}`, line, value: values[col] });
    });
  };
  list('custpage_due', `Due (${due.length})`, due, true);
  list('custpage_done', `Done (${done.length})`, done, false);
  return form;
}

export function confirmPage(message: string, fields: Record<string, string>): serverWidget.Form {
  const form = frame(null);
  html(form, 'custpage_confirm_text', `<p style="font-size:14px">${escapeHtml(message)}</p>`);
  for (const [id, value] of Object.entries({ ...fields, [P.confirm]: 'T' })) hidden(form, id, value);
  form.addSubmitButton({ label: 'Confirm' });
  return form;
}
