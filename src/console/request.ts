/**
 * What the "Webhook deliveries" page was asked: a view, its filters and page, or an action (to confirm
 * on GET, to run on POST). Every bad value becomes a problem that says what to fix; nothing runs on one.
 */
import type { DeliveryStatus } from '../webhooks/ids';

export type View = 'endpoints' | 'deliveries' | 'delivery';
export type Action = 'replay' | 'recover' | 'enable' | 'disable' | 'ping' | 'rotate' | 'promote';

export const STATUSES: DeliveryStatus[] = ['pending', 'delivered', 'failed', 'dead'];
export const ACTIONS: Record<Action, string> = {
  replay: 'Replay this delivery',
  recover: 'Recover failed and dead deliveries',
  enable: 'Enable the endpoint',
  disable: 'Disable the endpoint',
  ping: 'Send a test event',
  rotate: 'Start a secret rotation',
  promote: 'Finish the secret rotation',
};

/** Request parameters (GET links and the POSTed form use the same names). */
export const P = {
  view: 'custpage_view', format: 'format', endpoint: 'custpage_endpoint', status: 'custpage_status', eventType: 'custpage_event_type',
  employee: 'custpage_employee', from: 'custpage_from', to: 'custpage_to', page: 'custpage_page', delivery: 'custpage_delivery',
  action: 'custpage_action', since: 'custpage_since', nextSecret: 'custpage_next_secret', confirm: 'custpage_confirm',
} as const;

export interface Filters {
  endpoint: number | null;
  status: DeliveryStatus | null;
  eventType: string | null;
  employee: number | null;
  /** created on or after, and before (ISO date or date-time text, account time) */
  from: string | null;
  to: string | null;
}

export interface ConsoleRequest {
  view: View;
  format: 'html' | 'json';
  filters: Filters;
  /** 0-based */
  page: number;
  delivery: number | null;
  action: Action | null;
  /** POST with confirm: run the action; otherwise show what it would do */
  run: boolean;
  since: string | null;
  nextSecret: string | null;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/;

/** YYYY-MM-DD[ HH:MM] that exists on the calendar, as SuiteQL compares it; else a problem. */
function dateParam(label: string, raw: string, problems: string[]): string | null {
  if (!raw) return null;
  const m = DATE_RE.exec(raw);
  const ok = m && (() => {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && Number(m[4] ?? 0) < 24 && Number(m[5] ?? 0) < 60;
  })();
  if (!ok || !m) {
    problems.push(`${label} "${raw}" is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM (account time), e.g. 2026-12-01.`);
    return null;
  }
  return `${m[1]}-${m[2]}-${m[3]} ${m[4] ?? '00'}:${m[5] ?? '00'}:00`;
}

function idParam(label: string, raw: string, problems: string[]): number | null {
  if (!raw) return null;
  if (!/^[1-9]\d{0,11}$/.test(raw)) {
    problems.push(`${label} "${raw}" is not an internal id: enter a whole number such as 42.`);
    return null;
  }
  return Number(raw);
}

export function parseRequest(params: Record<string, string | undefined>, method: string): { request: ConsoleRequest, problems: string[] } {
  const problems: string[] = [];
  const get = (k: string): string => String(params[k] ?? '').trim();
  const viewRaw = get(P.view) || 'endpoints';
  const view = (['endpoints', 'deliveries', 'delivery'] as const).find((v) => v === viewRaw) ?? 'endpoints';
  if (view !== viewRaw) problems.push(`View "${viewRaw}" is not one of endpoints, deliveries, delivery.`);
  const statusRaw = get(P.status);
  const status = STATUSES.find((s) => s === statusRaw) ?? null;
  if (statusRaw && !status) problems.push(`Status "${statusRaw}" is not one of ${STATUSES.join(', ')}.`);
  const eventType = get(P.eventType);
  if (eventType && !/^[a-z][a-z0-9_.*]{0,63}$/.test(eventType)) problems.push(`Event type "${eventType}" is not an event type such as employee.updated or employee.*.`);
  const pageRaw = get(P.page);
  const page = pageRaw ? Number(pageRaw) : 1;
  if (!Number.isInteger(page) || page < 1 || page > 1000) problems.push(`Page "${pageRaw}" is not a page number from 1 to 1000.`);
  const actionRaw = get(P.action);
  const action = (Object.keys(ACTIONS) as Action[]).find((a) => a === actionRaw) ?? null;
  if (actionRaw && !action) problems.push(`Action "${actionRaw}" is not one of ${Object.keys(ACTIONS).join(', ')}.`);
  const nextSecret = get(P.nextSecret) || null;
  const request: ConsoleRequest = {
    view,
    format: get(P.format) === 'json' ? 'json' : 'html',
    filters: {
      endpoint: idParam('Endpoint', get(P.endpoint), problems),
      status,
      eventType: eventType || null,
      employee: idParam('Employee', get(P.employee), problems),
      from: dateParam('From', get(P.from), problems),
      to: dateParam('To', get(P.to), problems),
    },
    page: Number.isInteger(page) && page >= 1 ? page - 1 : 0,
    delivery: idParam('Delivery', get(P.delivery), problems),
    action,
    run: method === 'POST' && get(P.confirm) === 'T',
    since: dateParam('Since', get(P.since), problems),
    nextSecret,
  };
  if (action) actionProblems(request, problems, method === 'POST');
  return { request, problems };
}

/** The action still needs a value the admin types in (recover: since; rotate: the next secret): ask for it. */
export const needsInput = (r: ConsoleRequest): boolean => (r.action === 'recover' && !r.since) || (r.action === 'rotate' && !r.nextSecret);

/** What each action needs before it can be confirmed; a value still to be asked for is a problem only once posted empty. */
function actionProblems(r: ConsoleRequest, problems: string[], posted: boolean): void {
  if (r.action === 'replay' && r.delivery === null) problems.push('Replay needs a delivery: open one from the deliveries list.');
  if (r.action !== 'replay' && r.filters.endpoint === null) problems.push(`${ACTIONS[r.action as Action]} needs an endpoint: choose one from the endpoints list.`);
  if (r.action === 'recover' && !r.since && posted) problems.push('Recover needs a start: enter Since as YYYY-MM-DD (failed and dead deliveries created from then on are queued again).');
  if (r.action === 'rotate' && (r.nextSecret ? !/^custsecret[a-z0-9_]*$/.test(r.nextSecret) : posted)) {
    problems.push(`Next signing secret "${r.nextSecret ?? ''}" is not an API secret script id: create the new secret at Setup > Company > Preferences > API Secrets and enter its id (custsecret_…).`);
  }
}
