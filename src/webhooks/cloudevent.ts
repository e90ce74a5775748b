/**
 * The body of every delivery: a CloudEvents 1.0 structured-mode event (application/cloudevents+json).
 */
import type { Changes, EventType } from './classify';
import type { EmployeeSnapshot } from './snapshot';

export const CONTENT_TYPE = 'application/cloudevents+json';

export interface SaveContext {
  executionContext: string;
  user: string;
  role: string;
}

export interface EmployeeEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: EventType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: {
    employee: EmployeeSnapshot;
    changes: Changes;
    context: SaveContext;
  };
}

/** The source names the account, so receivers that serve several accounts can tell them apart. */
export const eventSource = (accountId: string): string => `netsuite://${accountId.toLowerCase()}/employee`;

export function employeeEvent(o: {
  id: string;
  accountId: string;
  type: EventType;
  time: Date;
  employee: EmployeeSnapshot;
  changes: Changes;
  context: SaveContext;
}): EmployeeEvent {
  return {
    specversion: '1.0',
    id: o.id,
    source: eventSource(o.accountId),
    type: o.type,
    subject: o.employee.id,
    time: o.time.toISOString(),
    datacontenttype: 'application/json',
    data: { employee: o.employee, changes: o.changes, context: o.context },
  };
}
