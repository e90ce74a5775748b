/**
 * The "Webhook deliveries" page as native NetSuite forms: endpoints with their health, a filtered page
 * of deliveries, one delivery with its attempts and body, and the confirmation of an action. Every value
 * from the account or the request is escaped (sublist cells and inline HTML render as HTML).
 */
import * as serverWidget from 'N/ui/serverWidget';
import { escapeHtml } from '../access/html';
import { a, GREEN, hidden, html, link, RED } from '../ui/page-parts';
import type { DeliveryDetail, DeliveryPage, EndpointRow } from './data';
import { ACTIONS, P, STATUSES, type ConsoleRequest } from './request';

export interface PageContext { request: ConsoleRequest, base: string, problems: string[], notice: { ok: boolean, message: string } | null }



function frame(ctx: PageContext, subtitle: string): serverWidget.Form {
  const form = serverWidget.createForm({ title: 'Webhook deliveries' });
  const nav = [a(link(ctx.base, { [P.view]: 'endpoints' }), 'Endpoints'), a(link(ctx.base, { [P.view]: 'deliveries' }), 'Deliveries')].join(' | ');
  html(form, 'custpage_nav', `<p style="font-size:13px">${nav} &mdash; <b>${escapeHtml(subtitle)}</b></p>`);
  if (ctx.problems.length) {
    html(form, 'custpage_problems', `<div role="alert" style="${RED}"><b>Cannot do that:</b><ul>${ctx.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`);
  }
  if (ctx.notice) html(form, 'custpage_notice', `<div role="status" style="${ctx.notice.ok ? GREEN : RED}"><b>${escapeHtml(ctx.notice.message)}</b></div>`);
  return form;
}

function list(form: serverWidget.Form, id: string, label: string, columns: Array<[string, string]>, rows: Array<Record<string, string>>): void {
  const sub = form.addSublist({ id, label, type: serverWidget.SublistType.LIST });
  for (const [col, title] of columns) sub.addField({ id: `custpage_${col}`, label: title, type: serverWidget.FieldType.TEXT });
  rows.forEach((row, line) => {
    for (const [col] of columns) if (row[col]) sub.setSublistValue({ id: `custpage_${col}`, line, value: row[col] });
  });
}

export function endpointsPage(ctx: PageContext, rows: EndpointRow[]): serverWidget.Form {
  const form = frame(ctx, `${rows.length} endpoint${rows.length === 1 ? '' : 's'}`);
  html(form, 'custpage_json', `<p>${a(link(ctx.base, { [P.view]: 'endpoints', format: 'json' }), 'This list as JSON')}</p>`);
  list(form, 'custpage_endpoints', 'Endpoints', [
    ['name', 'Endpoint'], ['state', 'State'], ['types', 'Event types'], ['last', 'Last success'], ['failing', 'Failing since'],
    ['pending', 'Pending'], ['dead', 'Dead'], ['failed', 'Failed'], ['delivered', 'Delivered'], ['actions', 'Actions'],
  ], rows.map((e) => {
    const go = (action: string, label: string) => a(link(ctx.base, { [P.view]: 'endpoints', [P.action]: action, [P.endpoint]: e.id }), label);
    const count = (status: string, n: number) => (n ? a(link(ctx.base, { [P.view]: 'deliveries', [P.endpoint]: e.id, [P.status]: status }), String(n)) : '0');
    return {
      name: `<b>${escapeHtml(e.name)}</b><br>${escapeHtml(e.url)}`,
      state: e.active
        ? `<span style="${GREEN}">Enabled</span>${e.nextSecret ? '<br>rotating secret' : ''}`
        : `<span style="${RED}">Disabled</span>${e.disabledReason ? `: ${escapeHtml(e.disabledReason)}` : ''}`,
      types: escapeHtml(e.eventTypes),
      last: escapeHtml(e.lastSuccess ?? '—'),
      failing: escapeHtml(e.failingSince ?? '—'),
      pending: count('pending', e.counts.pending), dead: count('dead', e.counts.dead), failed: count('failed', e.counts.failed), delivered: count('delivered', e.counts.delivered),
      actions: [
        a(link(ctx.base, { [P.view]: 'deliveries', [P.endpoint]: e.id }), 'Deliveries'),
        e.active ? go('disable', 'Disable') : go('enable', 'Enable'),
        go('ping', 'Send test event'),
        go('recover', 'Recover…'),
        e.nextSecret ? go('promote', 'Finish rotation') : go('rotate', 'Rotate secret…'),
      ].join(' · '),
    };
  }));
  return form;
}

export function deliveriesPage(ctx: PageContext, endpointsList: EndpointRow[], page: DeliveryPage): serverWidget.Form {
  const f = ctx.request.filters;
  const form = frame(ctx, `${page.total} deliver${page.total === 1 ? 'y' : 'ies'}${page.pages > 1 ? `, page ${page.page + 1} of ${page.pages}` : ''}`);
  form.addFieldGroup({ id: 'custpage_filters', label: 'Filters' });
  hidden(form, P.view, 'deliveries');
  const endpoint = form.addField({ id: P.endpoint, label: 'Endpoint', type: serverWidget.FieldType.SELECT, container: 'custpage_filters' });
  endpoint.addSelectOption({ value: '', text: 'Any', isSelected: f.endpoint === null });
  for (const e of endpointsList) endpoint.addSelectOption({ value: String(e.id), text: e.name, isSelected: e.id === f.endpoint });
  const status = form.addField({ id: P.status, label: 'Status', type: serverWidget.FieldType.SELECT, container: 'custpage_filters' });
  status.addSelectOption({ value: '', text: 'Any', isSelected: !f.status });
  for (const s of STATUSES) status.addSelectOption({ value: s, text: s, isSelected: s === f.status });
  text(form, P.eventType, 'Event type (employee.* for all)', f.eventType, 'custpage_filters');
  text(form, P.employee, 'Employee internal id', f.employee === null ? null : String(f.employee), 'custpage_filters');
  text(form, P.from, 'Created from (YYYY-MM-DD)', f.from?.replace(/ 00:00:00$/, '').slice(0, 16) ?? null, 'custpage_filters');
  text(form, P.to, 'Created before (YYYY-MM-DD)', f.to?.replace(/ 00:00:00$/, '').slice(0, 16) ?? null, 'custpage_filters');
  form.addSubmitButton({ label: 'Filter' });
  const keep = { [P.view]: 'deliveries', [P.endpoint]: f.endpoint, [P.status]: f.status, [P.eventType]: f.eventType, [P.employee]: f.employee, [P.from]: ctx.request.filters.from, [P.to]: ctx.request.filters.to };
  const pager = [
    page.page > 0 ? a(link(ctx.base, { ...keep, [P.page]: page.page }), '‹ Newer') : '',
    page.page + 1 < page.pages ? a(link(ctx.base, { ...keep, [P.page]: page.page + 2 }), 'Older ›') : '',
    a(link(ctx.base, { ...keep, [P.page]: page.page + 1, format: 'json' }), 'This page as JSON'),
  ].filter(Boolean).join(' · ');
  html(form, 'custpage_pager', `<p>${pager}</p>`);
  list(form, 'custpage_deliveries', 'Deliveries (newest first)', [
    ['id', 'Delivery'], ['created', 'Created'], ['type', 'Event type'], ['employee', 'Employee'], ['endpoint', 'Endpoint'],
    ['status', 'Status'], ['attempts', 'Attempts'], ['code', 'Last HTTP status'], ['next', 'Next attempt / delivered'],
  ], page.rows.map((d) => ({
    id: a(link(ctx.base, { [P.view]: 'delivery', [P.delivery]: d.id }), String(d.id)),
    created: escapeHtml(d.created ?? ''),
    type: escapeHtml(d.eventType),
    employee: d.employee === null ? '—' : `${escapeHtml(d.employeeName ?? '')} (${d.employee})`,
    endpoint: escapeHtml(d.endpointName),
    status: `<span style="${d.status === 'delivered' ? GREEN : d.status === 'pending' ? '' : RED}">${escapeHtml(d.status)}</span>`,
    attempts: String(d.attempts),
    code: d.lastCode === null ? '—' : String(d.lastCode),
    next: escapeHtml((d.status === 'delivered' ? d.deliveredAt : d.status === 'pending' ? d.nextAttempt : null) ?? '—'),
  })));
  return form;
}

export function deliveryPage(ctx: PageContext, d: DeliveryDetail): serverWidget.Form {
  const form = frame(ctx, `Delivery ${d.id}`);
  const facts: Array<[string, string]> = [
    ['Event', `${d.eventType} (webhook-id ${d.eventId})`], ['Endpoint', d.endpointName],
    ['Employee', d.employee === null ? '—' : `${d.employeeName ?? ''} (${d.employee})`], ['Status', d.status], ['Attempts', String(d.attempts)],
    ['Created', d.created ?? ''], ['Next attempt', d.nextAttempt ?? '—'], ['Delivered', d.deliveredAt ?? '—'], ['Last error', d.lastError ?? '—'],
  ];
  const actions = d.status === 'failed' || d.status === 'dead' ? `<p>${a(link(ctx.base, { [P.view]: 'delivery', [P.delivery]: d.id, [P.action]: 'replay' }), 'Replay this delivery…')}</p>` : '';
  html(form, 'custpage_facts', `<table>${facts.map(([k, v]) => `<tr><th style="text-align:left;padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>${actions}`
    + `<p>${a(link(ctx.base, { [P.view]: 'delivery', [P.delivery]: d.id, format: 'json' }), 'This delivery as JSON')}</p>`);
  list(form, 'custpage_attempts', `Attempts (${d.attemptLog.length})`, [['at', 'Time (UTC)'], ['code', 'HTTP status'], ['ms', 'Duration (ms)'], ['error', 'Error'], ['response', "Response's first bytes"]],
    d.attemptLog.map((t) => ({ at: escapeHtml(t.at), code: t.code === null ? '—' : String(t.code), ms: String(t.ms), error: escapeHtml(t.error ?? '—'), response: escapeHtml(t.response ?? '') })));
  let body = d.payload;
  try {
    body = JSON.stringify(JSON.parse(d.payload), null, 2);
  } catch {
    // Shown as stored.
  }
  html(form, 'custpage_body', `<p><b>Body</b> (application/cloudevents+json)</p><pre style="white-space:pre-wrap;max-width:900px">${escapeHtml(body)}</pre>`);
  return form;
}

/** What an action would do, and the button that does it (a POST of the same parameters and confirm=T). */
export function confirmPage(ctx: PageContext, message: string): serverWidget.Form {
  const r = ctx.request;
  const form = frame(ctx, ACTIONS[r.action as keyof typeof ACTIONS]);
  html(form, 'custpage_confirm_text', `<p style="font-size:14px">${escapeHtml(message)}</p>`);
  hidden(form, P.view, r.view);
  hidden(form, P.action, r.action ?? '');
  hidden(form, P.confirm, 'T');
  if (r.filters.endpoint !== null) hidden(form, P.endpoint, String(r.filters.endpoint));
  if (r.delivery !== null) hidden(form, P.delivery, String(r.delivery));
  if (r.since) hidden(form, P.since, r.since.slice(0, 16));
  if (r.nextSecret) hidden(form, P.nextSecret, r.nextSecret);
  form.addSubmitButton({ label: 'Confirm' });
  return form;
}

/** Asks for what an action needs (recover: since; rotate: the next secret) before it can be confirmed. */
export function askPage(ctx: PageContext): serverWidget.Form {
  const r = ctx.request;
  const form = frame(ctx, ACTIONS[r.action as keyof typeof ACTIONS]);
  hidden(form, P.view, 'endpoints');
  hidden(form, P.action, r.action ?? '');
  if (r.filters.endpoint !== null) hidden(form, P.endpoint, String(r.filters.endpoint));
  if (r.action === 'recover') text(form, P.since, 'Failed and dead deliveries created since (YYYY-MM-DD)', null);
  if (r.action === 'rotate') text(form, P.nextSecret, 'Next signing secret (API secret id, custsecret_…)', null);
  form.addSubmitButton({ label: 'Continue' });
  return form;
}

function text(form: serverWidget.Form, id: string, label: string, value: string | null, container?: string): void {
  const f = form.addField({ id, label, type: serverWidget.FieldType.TEXT, ...(container ? { container } : {}) });
  if (value) f.defaultValue = value;
}
