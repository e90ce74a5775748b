/**
 * The "Webhook deliveries" Suitelet's request handling: a view (as a page or as JSON), or an action,
 * confirmed first and run on a POST. Bad input is a message on the page (or in the JSON), never a stack.
 */
import type * as http from 'N/http';
import * as runtime from 'N/runtime';
import { describe, perform } from './actions';
import { deliveries, delivery, endpoints } from './data';
import { askPage, confirmPage, deliveriesPage, deliveryPage, endpointsPage, type PageContext } from './page';
import { needsInput, parseRequest } from './request';
import { CROSS_SITE, fromThisAccount } from '../ui/same-origin';

export function handleConsole(request: http.ServerRequest, response: http.ServerResponse): void {
  const { request: req, problems } = parseRequest((request.parameters ?? {}) as Record<string, string>, String(request.method));
  const script = runtime.getCurrentScript();
  const base = `/app/site/hosting/scriptlet.nl?script=${encodeURIComponent(script.id)}&deploy=${encodeURIComponent(script.deploymentId)}`;
  const ctx: PageContext = { request: req, base, problems, notice: null };

  if (req.format === 'json') {
    response.setHeader({ name: 'Content-Type', value: 'application/json; charset=utf-8' });
    response.write({ output: JSON.stringify(json(ctx)) });
    return;
  }
  if (req.action && !problems.length) {
    if (needsInput(req)) return response.writePage({ pageObject: askPage(ctx) });
    if (!req.run) {
      const check = describe(req);
      if (check.ok) return response.writePage({ pageObject: confirmPage(ctx, check.message) });
      ctx.notice = check;
    } else if (!fromThisAccount(request)) {
      ctx.notice = { ok: false, message: CROSS_SITE };
    } else {
      ctx.notice = perform(req);
      if (ctx.notice.ok) log.audit({ title: 'Webhook console action', details: `${req.action} by user ${runtime.getCurrentUser().id}: ${ctx.notice.message}` });
    }
  }
  if (req.view === 'delivery' && req.delivery !== null) {
    const d = delivery(req.delivery);
    if (d) return response.writePage({ pageObject: deliveryPage(ctx, d) });
    ctx.problems.push(`Delivery ${req.delivery} does not exist.`);
  }
  const list = endpoints();
  if (req.view === 'deliveries' || req.view === 'delivery') {
    return response.writePage({ pageObject: deliveriesPage(ctx, list, problems.length ? { rows: [], total: 0, page: 0, pages: 0 } : deliveries(req.filters, req.page)) });
  }
  response.writePage({ pageObject: endpointsPage(ctx, list) });
}

/** The same views for monitoring: what the page shows, as data (actions are not run over JSON). */
function json(ctx: PageContext): unknown {
  const r = ctx.request;
  const zone = { timeZone: runtime.getCurrentUser().getPreference({ name: 'TIMEZONE' }), times: 'account time, YYYY-MM-DD HH:MM' };
  if (ctx.problems.length) return { problems: ctx.problems };
  if (r.view === 'delivery' && r.delivery !== null) {
    const d = delivery(r.delivery);
    return d ? { ...zone, delivery: d } : { problems: [`Delivery ${r.delivery} does not exist.`] };
  }
  if (r.view === 'deliveries') {
    const page = deliveries(r.filters, r.page);
    return { ...zone, filters: r.filters, page: page.page + 1, pages: page.pages, total: page.total, deliveries: page.rows };
  }
  return { ...zone, endpoints: endpoints().map(({ secret, nextSecret, ...e }) => ({ ...e, signingSecrets: [secret, nextSecret].filter(Boolean) })) };
}
