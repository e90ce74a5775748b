/**
 * An endpoint record's configuration, read and checked. Bad configuration is refused at save with a
 * message that says what to fix.
 */
import { EVENT_TYPES, type EventType } from './classify';
import { SNAPSHOT_FIELDS } from './snapshot';

export interface EndpointConfig {
  name: string;
  url: string;
  secretId: string;
  nextSecretId: string | null;
  eventTypes: EventType[];
  watchedFields: string[];
  active: boolean;
}

/** The endpoint record's fields as text (the entry point reads them); active as a checkbox. */
export interface EndpointInput {
  name: string;
  url: string;
  secretId: string;
  nextSecretId: string;
  eventTypes: string;
  watchedFields: string;
  active: boolean;
}

/** scheme://[user[:password]@]host[:port][/path…]: SuiteScript has no URL class, so parse the parts we check. */
const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#\s]*)@)?(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?([/?#][^\s]*)?$/i;

const WATCHABLE = [...SNAPSHOT_FIELDS.map((f) => f.rest as string), 'roles'];
const list = (v: string): string[] =>
  v
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Problems with an endpoint's configuration, each saying what to fix; empty when it is good. */
export function endpointProblems(input: EndpointInput): string[] {
  const problems: string[] = [];
  const url = input.url.trim();
  const m = URL_RE.exec(url);
  if (!url) problems.push('URL is empty: enter the receiver\'s https:// address.');
  else if (!m || (m[4] !== undefined && Number(m[4]) > 65535)) {
    problems.push(`URL "${url}" is not a valid URL: enter a full address such as https://hooks.example.com/netsuite.`);
  } else {
    if (m[1].toLowerCase() !== 'https') problems.push(`URL "${url}" is not https: NetSuite sends only to https:// addresses.`);
    if (m[2] !== undefined) problems.push('URL must not contain a user name or password: put credentials in the API secret instead.');
  }
  for (const [label, v] of [['Signing secret', input.secretId], ['Next signing secret', input.nextSecretId]] as const) {
    const id = v.trim();
    if (!id) {
      if (label === 'Signing secret') problems.push('Signing secret is empty: enter the script id of an API secret (custsecret_…) holding the endpoint\'s signing key.');
    } else if (!/^custsecret[a-z0-9_]*$/.test(id)) {
      problems.push(`${label} "${id}" is not an API secret script id: it starts with custsecret and holds only lowercase letters, digits and _.`);
    }
  }
  const types = list(input.eventTypes);
  if (!types.length) problems.push(`Event types is empty: list one or more of ${EVENT_TYPES.join(', ')} (or employee.*).`);
  for (const t of types) {
    if (t !== 'employee.*' && !(EVENT_TYPES as readonly string[]).includes(t)) problems.push(`Event type "${t}" is unknown: use ${EVENT_TYPES.join(', ')} or employee.*.`);
  }
  for (const f of list(input.watchedFields)) {
    if (!WATCHABLE.includes(f)) problems.push(`Watched field "${f}" is unknown: use REST field names such as ${WATCHABLE.join(', ')}.`);
  }
  return problems;
}

/** The configuration, for an endpoint that passed endpointProblems. */
export function endpointConfig(input: EndpointInput): EndpointConfig {
  const types = list(input.eventTypes);
  const next = input.nextSecretId.trim();
  return {
    name: input.name,
    url: input.url.trim(),
    secretId: input.secretId.trim(),
    nextSecretId: next || null,
    eventTypes: types.includes('employee.*') ? [...EVENT_TYPES] : (types as EventType[]),
    watchedFields: list(input.watchedFields),
    active: input.active,
  };
}

/**
 * Which of a save's event types this endpoint receives. With watched fields, an update that changes none
 * of them is not sent (the specific types follow the fields they are about).
 */
export function typesFor(endpoint: EndpointConfig, types: EventType[], changedFields: string[]): EventType[] {
  const watched = endpoint.watchedFields;
  return types.filter((t) => {
    if (!endpoint.eventTypes.includes(t)) return false;
    if (!watched.length || t === 'employee.created' || t === 'employee.deleted' || t === 'employee.offboarding_held') return true;
    return changedFields.some((f) => watched.includes(f));
  });
}
