/**
 * What the "Webhook deliveries" page reads, by SuiteQL (10 units a query): endpoints with their health,
 * a page of deliveries, one delivery with its attempts. Times are account time, 'YYYY-MM-DD HH:MM'.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import type { Attempt } from '../webhooks/attempt-log';
import { DELIVERY, ENDPOINT, type DeliveryStatus } from '../webhooks/ids';
import type { Filters } from './request';
import { str } from '../ui/sql-text';

export const PAGE_SIZE = 50;
const TIME = "'YYYY-MM-DD HH24:MI'";
const text = (v: unknown): string | null => str(v) || null;
const flag = (v: unknown): boolean => v === true || v === 'T';

export interface EndpointRow {
  id: number;
  name: string;
  url: string;
  active: boolean;
  disabledReason: string | null;
  eventTypes: string;
  secret: string;
  nextSecret: string | null;
  failingSince: string | null;
  lastSuccess: string | null;
  counts: Record<DeliveryStatus, number>;
}

export function endpoints(): EndpointRow[] {
  const rows = query.runSuiteQL({
    query: `SELECT e.id, e.name, e.isinactive, e.${ENDPOINT.url} AS url, e.${ENDPOINT.eventTypes} AS types, e.${ENDPOINT.disabledReason} AS reason,
        e.${ENDPOINT.secret} AS secret, e.${ENDPOINT.nextSecret} AS nextsecret, TO_CHAR(e.${ENDPOINT.failingSince}, ${TIME}) AS failingsince
      FROM ${ENDPOINT.type} e ORDER BY e.name, e.id`,
  }).asMappedResults();
  const stats = query.runSuiteQL({
    query: `SELECT d.${DELIVERY.endpoint} AS endpoint, d.${DELIVERY.status} AS status, COUNT(*) AS n, TO_CHAR(MAX(d.${DELIVERY.deliveredAt}), ${TIME}) AS lastdelivered
      FROM ${DELIVERY.type} d GROUP BY d.${DELIVERY.endpoint}, d.${DELIVERY.status}`,
  }).asMappedResults();
  return rows.map((r) => {
    const mine = stats.filter((s) => Number(s.endpoint) === Number(r.id));
    const counts = { pending: 0, delivered: 0, failed: 0, dead: 0 };
    for (const s of mine) if (str(s.status) in counts) counts[str(s.status) as DeliveryStatus] = Number(s.n);
    return {
      id: Number(r.id), name: str(r.name), url: str(r.url), active: !flag(r.isinactive), disabledReason: text(r.reason),
      eventTypes: str(r.types), secret: str(r.secret), nextSecret: text(r.nextsecret), failingSince: text(r.failingsince),
      lastSuccess: text(mine.find((s) => s.status === 'delivered')?.lastdelivered), counts,
    };
  });
}

export interface DeliveryRow {
  id: number;
  eventId: string;
  eventType: string;
  endpoint: number;
  endpointName: string;
  employee: number | null;
  employeeName: string | null;
  status: string;
  attempts: number;
  lastCode: number | null;
  created: string | null;
  nextAttempt: string | null;
  deliveredAt: string | null;
}

export interface DeliveryPage { rows: DeliveryRow[], total: number, page: number, pages: number }

const DELIVERY_COLUMNS = `d.id, d.${DELIVERY.eventId} AS eventid, d.${DELIVERY.eventType} AS eventtype, d.${DELIVERY.endpoint} AS endpoint,
  BUILTIN.DF(d.${DELIVERY.endpoint}) AS endpointname, d.${DELIVERY.employee} AS employee, emp.firstname AS efirst, emp.lastname AS elast,
  d.${DELIVERY.status} AS status, d.${DELIVERY.attempts} AS attempts, d.${DELIVERY.lastCode} AS lastcode, TO_CHAR(d.created, ${TIME}) AS created,
  TO_CHAR(d.${DELIVERY.nextAttempt}, ${TIME}) AS nextattempt, TO_CHAR(d.${DELIVERY.deliveredAt}, ${TIME}) AS deliveredat`;

function deliveryRow(r: Record<string, unknown>): DeliveryRow {
  return {
    id: Number(r.id), eventId: str(r.eventid), eventType: str(r.eventtype), endpoint: Number(r.endpoint), endpointName: str(r.endpointname),
    employee: r.employee === null || r.employee === undefined || r.employee === '' ? null : Number(r.employee), employeeName: text([str(r.efirst), str(r.elast)].filter(Boolean).join(' ')),
    status: str(r.status), attempts: Number(r.attempts ?? 0), lastCode: r.lastcode === null || r.lastcode === undefined || r.lastcode === '' ? null : Number(r.lastcode),
    created: text(r.created), nextAttempt: text(r.nextattempt), deliveredAt: text(r.deliveredat),
  };
}

/** Deliveries matching the filters, newest first, one page (runSuiteQLPaged: 10 units, and 10 the fetch). */
export function deliveries(f: Filters, page: number): DeliveryPage {
  const where: string[] = [];
  const params: Array<string | number> = [];
  const add = (sql: string, v: string | number) => { where.push(sql); params.push(v); };
  if (f.endpoint !== null) add(`d.${DELIVERY.endpoint} = ?`, f.endpoint);
  if (f.status) add(`d.${DELIVERY.status} = ?`, f.status);
  if (f.eventType) {
    if (f.eventType.endsWith('*')) add(`d.${DELIVERY.eventType} LIKE ?`, `${f.eventType.slice(0, -1)}%`);
    else add(`d.${DELIVERY.eventType} = ?`, f.eventType);
  }
  if (f.employee !== null) add(`d.${DELIVERY.employee} = ?`, f.employee);
  if (f.from) add("d.created >= TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS')", f.from);
  if (f.to) add("d.created < TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS')", f.to);
  const paged = query.runSuiteQLPaged({
    query: `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY.type} d LEFT JOIN employee emp ON emp.id = d.${DELIVERY.employee}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC`,
    params,
    pageSize: PAGE_SIZE,
  });
  const pages = paged.pageRanges.length;
  if (!pages) return { rows: [], total: 0, page: 0, pages: 0 };
  const index = Math.min(page, pages - 1);
  const rows = paged.fetch({ index }).data.asMappedResults().map(deliveryRow);
  return { rows, total: paged.count, page: index, pages };
}

export interface DeliveryDetail extends DeliveryRow { payload: string, lastError: string | null, attemptLog: Attempt[] }

export function delivery(id: number): DeliveryDetail | null {
  const [row] = query.runSuiteQL({
    query: `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY.type} d LEFT JOIN employee emp ON emp.id = d.${DELIVERY.employee} WHERE d.id = ?`,
    params: [id],
  }).asMappedResults();
  if (!row) return null;
  // The long fields from the record itself (2 units): SuiteQL would cut a CLOB short in some accounts.
  const rec = record.load({ type: DELIVERY.type, id });
  let attemptLog: Attempt[] = [];
  try {
    const parsed: unknown = JSON.parse(str(rec.getValue({ fieldId: DELIVERY.attemptLog })) || '[]');
    if (Array.isArray(parsed)) attemptLog = parsed as Attempt[];
  } catch {
    attemptLog = [];
  }
  return { ...deliveryRow(row), payload: str(rec.getValue({ fieldId: DELIVERY.payload })), lastError: text(rec.getValue({ fieldId: DELIVERY.lastError })), attemptLog };
}

/** Failed and dead deliveries of an endpoint created since a time: what "recover" queues again. */
export function recoverable(endpoint: number, since: string): number[] {
  return query.runSuiteQL({
    query: `SELECT d.id FROM ${DELIVERY.type} d WHERE d.${DELIVERY.endpoint} = ? AND d.${DELIVERY.status} IN ('failed', 'dead')
      AND d.created >= TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS') ORDER BY d.id`,
    params: [endpoint, since],
  }).asMappedResults().map((r) => Number(r.id));
}
