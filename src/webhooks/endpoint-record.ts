/**
 * The endpoint record's save: read its fields (for an inline edit, the edited ones over the old record),
 * check them, and clear the failure state when an admin re-enables a disabled endpoint.
 */
import type * as record from 'N/record';
import type { EntryPoints } from 'N/types';
import { endpointProblems } from './endpoint-config';
import { ENDPOINT } from './ids';

export function checkEndpointSave(ctx: EntryPoints.UserEvent.beforeSubmitContext): string[] {
  if (ctx.type === ctx.UserEventType.DELETE) return [];
  const rec = ctx.newRecord;
  const edited = ctx.type === ctx.UserEventType.XEDIT ? new Set(rec.getFields()) : null;
  const from = (field: string): record.Record | null => (!edited || edited.has(field) ? rec : ctx.oldRecord);
  const text = (field: string): string => {
    const v = from(field)?.getValue({ fieldId: field });
    return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
  };
  const inactive = from('isinactive')?.getValue({ fieldId: 'isinactive' }) === true;
  const problems = endpointProblems({
    name: text('name'), url: text(ENDPOINT.url), secretId: text(ENDPOINT.secret), nextSecretId: text(ENDPOINT.nextSecret),
    eventTypes: text(ENDPOINT.eventTypes), watchedFields: text(ENDPOINT.watchedFields), active: !inactive,
  });
  const wasInactive = ctx.oldRecord?.getValue({ fieldId: 'isinactive' }) === true;
  if (!problems.length && wasInactive && !inactive) {
    rec.setValue({ fieldId: ENDPOINT.failures, value: 0 });
    rec.setValue({ fieldId: ENDPOINT.failingSince, value: '' });
    rec.setValue({ fieldId: ENDPOINT.disabledReason, value: '' });
  }
  return problems;
}
