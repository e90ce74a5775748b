/**
 * The self-check as a native NetSuite form: the choices, the summary, the error explanation and one
 * sublist row per check with its fix.
 */
import * as serverWidget from 'N/ui/serverWidget';
import type { RoleOption } from './account-reader';
import type { Check, Report, Status } from './evaluate';
import type { Explanation } from './explain';
import { escapeHtml } from './html';
import { FIELDS } from './request';
import type { SelfCheckRequest } from './request';
import { METHODS, PROFILES } from './requirements';

export interface PageInput {
  request: SelfCheckRequest;
  roles: RoleOption[] | null;
  currentRole: RoleOption;
  problems: string[];
  report: Report | null;
  explanation: Explanation | null;
  jsonUrl: string;
}

const RANK: Record<Status, number> = { fail: 0, warn: 1, pass: 2 };
const STATUS_STYLE: Record<Status, string> = { pass: 'color:#1a7f37', fail: 'color:#c62828', warn: 'color:#a15c00' };

export function buildPage(input: PageInput): serverWidget.Form {
  const form = serverWidget.createForm({ title: 'Integration access self-check' });
  form.addFieldGroup({ id: 'custpage_choose', label: 'What to check' });
  addChoices(form, input);
  form.addSubmitButton({ label: 'Run check' });

  if (input.problems.length) {
    html(form, 'custpage_problems', `<div role="alert" style="${STATUS_STYLE.fail}"><b>Cannot run the check:</b><ul>${input.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`);
  }
  if (input.report) {
    form.addFieldGroup({ id: 'custpage_result', label: 'Result' });
    html(form, 'custpage_summary', summary(input.report, input.jsonUrl), 'custpage_result');
    if (input.explanation) html(form, 'custpage_explanation', explanationHtml(input.explanation), 'custpage_result');
    else if (input.request.errorText) html(form, 'custpage_explanation', '<p><b>Explain this error:</b> no known cause matches this text. Check the failing rows below.</p>', 'custpage_result');
    addChecks(form, input.report.checks, input.explanation);
  }
  return form;
}

function addChoices(form: serverWidget.Form, input: PageInput): void {
  const role = form.addField({ id: FIELDS.role, label: 'Role', type: serverWidget.FieldType.SELECT, container: 'custpage_choose' });
  role.setHelpText({ help: 'The role the integration logs in with. Defaults to your current role.' });
  const chosen = input.report ? input.report.role.id : input.request.role ?? input.currentRole.id;
  const options = input.roles ?? [input.currentRole];
  for (const r of options) role.addSelectOption({ value: String(r.id), text: r.name, isSelected: r.id === chosen });

  const method = form.addField({ id: FIELDS.method, label: 'Authentication method', type: serverWidget.FieldType.SELECT, container: 'custpage_choose' });
  for (const [id, label] of Object.entries(METHODS)) method.addSelectOption({ value: id, text: label, isSelected: id === input.request.method });

  const profile = form.addField({ id: FIELDS.profile, label: 'Integration profile', type: serverWidget.FieldType.SELECT, container: 'custpage_choose' });
  for (const p of Object.values(PROFILES)) profile.addSelectOption({ value: p.id, text: p.label, isSelected: p.id === input.request.profile });
  profile.setHelpText({ help: Object.values(PROFILES).map((p) => `${p.label}: ${p.description}`).join(' ') });

  const error = form.addField({ id: FIELDS.error, label: 'Explain this error', type: serverWidget.FieldType.TEXTAREA, container: 'custpage_choose' });
  error.setHelpText({ help: 'Paste the error text a client received, e.g. the body of an HTTP 400 or 401 response.' });
  if (input.request.errorText) error.defaultValue = input.request.errorText;
}

function html(form: serverWidget.Form, id: string, content: string, container?: string): void {
  const field = form.addField({ id, label: ' ', type: serverWidget.FieldType.INLINEHTML, ...(container ? { container } : {}) });
  field.defaultValue = content;
}

function summary(report: Report, jsonUrl: string): string {
  const c = report.counts;
  const verdict = c.fail ? `${c.fail} check${c.fail === 1 ? '' : 's'} fail` : c.warn ? 'No failures; see the warnings' : 'Every check passes';
  return `<p style="font-size:14px"><b>${escapeHtml(report.role.name)}</b> (role ${report.role.id}), ${escapeHtml(METHODS[report.method])}, ${escapeHtml(PROFILES[report.profile].label)}: ` +
    `<span style="${c.fail ? STATUS_STYLE.fail : c.warn ? STATUS_STYLE.warn : STATUS_STYLE.pass}"><b>${verdict}</b></span> ` +
    `(${c.pass} pass, ${c.fail} fail, ${c.warn} warn). <a href="${escapeHtml(jsonUrl)}">This report as JSON</a></p>`;
}

function explanationHtml(e: Explanation): string {
  return `<div style="border-left:4px solid #1f5fa8;padding:4px 10px;margin:6px 0"><b>Explain this error: ${escapeHtml(e.title)}</b><p>${escapeHtml(e.explanation)}</p></div>`;
}

/**
 * Sublist cells: NetSuite renders a LIST sublist's text cells as HTML (assumed, not checked against
 * Oracle's docs), so every value is escaped here and only our own markup is added.
 */
function addChecks(form: serverWidget.Form, checks: Check[], explanation: Explanation | null): void {
  const list = form.addSublist({ id: 'custpage_checks', label: `Checks (${checks.length})`, type: serverWidget.SublistType.LIST });
  const columns: Array<[string, string]> = [['status', 'Status'], ['check', 'Check'], ['required', 'Required'], ['actual', 'What the role has'], ['fix', 'How to fix']];
  for (const [id, label] of columns) list.addField({ id: `custpage_${id}`, label, type: serverWidget.FieldType.TEXT });
  const pointed = new Set(explanation ? explanation.checks : []);
  // Failures first, then warnings: what to fix is at the top (sort is stable, groups keep their order).
  const ordered = [...checks].sort((a, b) => RANK[a.status] - RANK[b.status]);
  ordered.forEach((c, line) => {
    const mark = pointed.has(c.id) && c.status !== 'pass' ? ' <b>(the error points here)</b>' : '';
    const values: Record<string, string> = {
      status: `<span style="${STATUS_STYLE[c.status]}"><b>${c.status.toUpperCase()}</b></span>`,
      check: `${escapeHtml(c.title)}${mark}`,
      required: escapeHtml(c.required),
      actual: escapeHtml(c.actual),
      fix: escapeHtml(c.fix || '—'),
    };
    for (const [id, value] of Object.entries(values)) list.setSublistValue({ id: `custpage_${id}`, line, value });
  });
}
