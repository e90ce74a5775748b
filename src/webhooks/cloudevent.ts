/**
 * The body of every delivery: a CloudEvents 1.0 structured-mode event (application/cloudevents+json).
 */
import type { Changes, EventType } from './classify';
import type { EmployeeSnapshot } from './snapshot';

export const CONTENT_TYPE = 'application/cloudevents+json';

/**
 * Who made the change, as the user event saw it. A change the sweep found has no user event behind it:
 * foundBy is 'sweep', and executionContext, user and role are null (NetSuite did not say).
 */
export interface SaveContext {
  foundBy: 'userEvent' | 'sweep';
  executionContext: string | null;
  user: string | null;
  role: string | null;
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
