/**
 * The "Leavers" Suitelet's request handling: the page (or JSON), or an action confirmed first and run on
 * a POST. Bad input is a message on the page, never a stack.
 */
import type * as http from 'N/http';
import * as runtime from 'N/runtime';
import { ACTIONS, describe, perform, type Action } from './actions';
import { doneLeavers, dueLeavers } from './data';
import { confirmPage, holdText, leaversPage, P } from './page';
import { CROSS_SITE, fromThisAccount } from '../ui/same-origin';

export function handleLeavers(request: http.ServerRequest, response: http.ServerResponse): void {
  const params = (request.parameters ?? {}) as Record<string, string | undefined>;
  const get = (k: string) => String(params[k] ?? '').trim();
  const script = runtime.getCurrentScript();
  const base = `/app/site/hosting/scriptlet.nl?script=${encodeURIComponent(script.id)}&deploy=${encodeURIComponent(script.deploymentId)}`;
  if (get(P.format) === 'json') {
    const due = dueLeavers();
    response.setHeader({ name: 'Content-Type', value: 'application/json; charset=utf-8' });
    response.write({ output: JSON.stringify({ due: due.map((l) => ({ ...l, held: holdText(l) || null })), done: doneLeavers() }) });
    return;
  }
  let notice: { ok: boolean, message: string } | null = null;
  const actionRaw = get(P.action);
  if (actionRaw) {
    const action: Action | null = ACTIONS.find((x) => x === actionRaw) ?? null;
    const employeeRaw = get(P.employee);
    const id = /^[1-9]\d{0,11}$/.test(employeeRaw) ? Number(employeeRaw) : null;
    const reassign = get(P.reassign) === 'T';
    if (!action) notice = { ok: false, message: `Action "${actionRaw}" is not one of ${ACTIONS.join(', ')}.` };
    else if (action !== 'run' && id === null) notice = { ok: false, message: `Employee "${employeeRaw}" is not an internal id: open the action from the list.` };
    else if (String(request.method) === 'POST' && get(P.confirm) === 'T' && !fromThisAccount(request)) notice = { ok: false, message: CROSS_SITE };
    else if (String(request.method) === 'POST' && get(P.confirm) === 'T') {
      notice = perform(action, id, reassign);
      if (notice.ok) log.audit({ title: 'Leavers page action', details: `${action} by user ${runtime.getCurrentUser().id}: ${notice.message}` });
    } else {
      const check = describe(action, id, reassign);
      if (check.ok) {
        const hidden: Record<string, string> = { [P.action]: action, ...(id === null ? {} : { [P.employee]: String(id) }), ...(reassign ? { [P.reassign]: 'T' } : {}) };
        return response.writePage({ pageObject: confirmPage(check.message, hidden) });
      }
      notice = check;
    }
  }
  response.writePage({ pageObject: leaversPage(base, dueLeavers(), doneLeavers(), notice) });
}
