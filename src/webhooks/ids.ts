/** The SDF ids of the webhook objects (Objects/customrecord_el_webhook_*.xml), in one place. */

export const ENDPOINT = {
  type: 'customrecord_el_webhook_endpoint',
  url: 'custrecord_el_wh_url',
  secret: 'custrecord_el_wh_secret',
  nextSecret: 'custrecord_el_wh_next_secret',
  eventTypes: 'custrecord_el_wh_event_types',
  watchedFields: 'custrecord_el_wh_watched_fields',
  failures: 'custrecord_el_wh_failures',
  failingSince: 'custrecord_el_wh_failing_since',
  disabledReason: 'custrecord_el_wh_disabled_reason',
} as const;

export const DELIVERY = {
  type: 'customrecord_el_webhook_delivery',
  eventId: 'custrecord_el_whd_event_id',
  endpoint: 'custrecord_el_whd_endpoint',
  eventType: 'custrecord_el_whd_event_type',
  employee: 'custrecord_el_whd_employee',
  payload: 'custrecord_el_whd_payload',
  status: 'custrecord_el_whd_status',
  attempts: 'custrecord_el_whd_attempts',
  nextAttempt: 'custrecord_el_whd_next_attempt',
  lastCode: 'custrecord_el_whd_last_code',
  lastError: 'custrecord_el_whd_last_error',
  attemptLog: 'custrecord_el_whd_attempt_log',
  deliveredAt: 'custrecord_el_whd_delivered_at',
  replay: 'custrecord_el_whd_replay',
} as const;

/**
 * One record per employee save with events (or per change the sweep found); the dispatcher turns it into
 * deliveries and marks it expanded. The newest per employee is the last snapshot sent.
 */
export const OUTBOX = {
  type: 'customrecord_el_webhook_outbox',
  employee: 'custrecord_el_who_employee',
  events: 'custrecord_el_who_events',
  changed: 'custrecord_el_who_changed',
  targets: 'custrecord_el_who_targets',
  snapshot: 'custrecord_el_who_snapshot',
  before: 'custrecord_el_who_before',
  deleted: 'custrecord_el_who_deleted',
  bySweep: 'custrecord_el_who_by_sweep',
  done: 'custrecord_el_who_done',
} as const;

/** The change sweep's one record: the window it has covered, and its last report. */
export const SWEEP = {
  type: 'customrecord_el_webhook_sweep',
  sweptTo: 'custrecord_el_whs_swept_to',
  sweepingTo: 'custrecord_el_whs_sweeping_to',
  report: 'custrecord_el_whs_report',
  script: 'customscript_el_webhook_sweep_mr',
  /** Does all the comparing (one instance at a time, so two sweeps never queue the same change); the schedule starts it. */
  onDemand: 'customdeploy_el_webhook_sweep_now',
} as const;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export const DISPATCH = {
  script: 'customscript_el_webhook_dispatch_mr',
  /** Does all the sending: submitted after new events, by a run that ends with work left, and by the schedule. */
  onDemand: 'customdeploy_el_webhook_dispatch_now',
} as const;
