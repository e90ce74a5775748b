/**
 * Replay: an admin checks Replay on a dead or failed delivery and saves; it goes back to pending with a
 * fresh retry schedule and the same event id (receivers deduplicate by webhook-id).
 */
import type { EntryPoints } from 'N/types';
import { DELIVERY } from './ids';

export function prepareReplay(ctx: EntryPoints.UserEvent.beforeSubmitContext): boolean {
  if (ctx.type === ctx.UserEventType.DELETE || ctx.type === ctx.UserEventType.CREATE) return false;
  const rec = ctx.newRecord;
  if (rec.getValue({ fieldId: DELIVERY.replay }) !== true) return false;
  rec.setValue({ fieldId: DELIVERY.replay, value: false });
  const status = ctx.type === ctx.UserEventType.XEDIT && !rec.getFields().includes(DELIVERY.status)
    ? ctx.oldRecord?.getValue({ fieldId: DELIVERY.status })
    : rec.getValue({ fieldId: DELIVERY.status });
  if (status !== 'dead' && status !== 'failed') return false;
  rec.setValue({ fieldId: DELIVERY.status, value: 'pending' });
  rec.setValue({ fieldId: DELIVERY.attempts, value: 0 });
  rec.setValue({ fieldId: DELIVERY.nextAttempt, value: new Date() });
  log.audit({ title: 'Webhook delivery replayed', details: `delivery ${String(rec.id)}, event ${String(rec.getValue({ fieldId: DELIVERY.eventId }) || ctx.oldRecord?.getValue({ fieldId: DELIVERY.eventId }))}` });
  return true;
}
