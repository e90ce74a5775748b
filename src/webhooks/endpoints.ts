/**
 * The active webhook endpoints, read once per save with one SuiteQL query (10 units).
 */
import * as query from 'N/query';
import { endpointConfig, type EndpointConfig } from './endpoint-config';
import { ENDPOINT } from './ids';

export interface Endpoint extends EndpointConfig {
  id: string;
}

export function activeEndpoints(): Endpoint[] {
  const rows = query
    .runSuiteQL({
      query: `SELECT id, name, ${ENDPOINT.url} AS url, ${ENDPOINT.secret} AS secret, ${ENDPOINT.nextSecret} AS nextsecret,
        ${ENDPOINT.eventTypes} AS eventtypes, ${ENDPOINT.watchedFields} AS watched
        FROM ${ENDPOINT.type} WHERE isinactive = 'F' ORDER BY id`,
    })
    .asMappedResults();
  const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  return rows.map((r) => ({
    id: text(r.id),
    ...endpointConfig({
      name: text(r.name), url: text(r.url), secretId: text(r.secret), nextSecretId: text(r.nextsecret),
      eventTypes: text(r.eventtypes), watchedFields: text(r.watched), active: true,
    }),
  }));
}
