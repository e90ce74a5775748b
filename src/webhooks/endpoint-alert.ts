/**
 * An endpoint the dispatcher disabled (410 Gone, or 5 days of failures) is its administrator's to look at:
 * the endpoint's owner, the administrator who created it, gets an email saying why and what to do. The
 * events behind it stay pending and go out once the endpoint is active again. Costs a query (10 units) and
 * 20 per email, only in a run that disabled something.
 */
import * as email from 'N/email';
import * as query from 'N/query';
import { ENDPOINT } from './ids';

export interface Disabled {
  endpoint: string;
  reason: string;
}

export function alertDisabled(disabled: Disabled[]): void {
  if (!disabled.length) return;
  const rows = query
    .runSuiteQL({
      query: `SELECT id, name, owner, ${ENDPOINT.url} AS url FROM ${ENDPOINT.type} WHERE id IN (${disabled.map(() => '?').join(', ')})`,
      params: disabled.map((d) => d.endpoint),
    })
    .asMappedResults();
  for (const d of disabled) {
    const row = rows.find((r) => String(r.id) === d.endpoint);
    const owner = Number(row?.owner);
    if (!row || !owner) {
      log.error({ title: 'Webhook endpoint disabled: nobody to tell', details: `endpoint ${d.endpoint} has no owner: ${d.reason}` });
      continue;
    }
    try {
      email.send({
        author: owner,
        recipients: [owner],
        subject: `Webhook endpoint disabled: ${String(row.name)}`,
        body: [
          `The employee webhook endpoint "${String(row.name)}" (id ${d.endpoint}, ${String(row.url)}) was disabled.`,
          `Why: ${d.reason}`,
          'Its events are kept: deliveries still pending go out once the endpoint is active again; dead ones can be replayed (check Replay on the delivery).',
          'Fix the receiver, then clear Inactive on the endpoint record (Webhook Endpoint).',
        ].join('\n\n'),
      });
    } catch (e) {
      log.error({ title: 'Webhook endpoint disabled: email not sent', details: `endpoint ${d.endpoint}: ${(e as Error).name}: ${(e as Error).message}` });
    }
  }
}
