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
  deliveredAt: 'custrecord_el_whd_delivered_at',
  replay: 'custrecord_el_whd_replay',
} as const;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export const DISPATCH = {
  script: 'customscript_el_webhook_dispatch_mr',
  /** Submitted after new events; the scheduled deployment catches up on retries. */
  onDemand: 'customdeploy_el_webhook_dispatch_now',
} as const;
