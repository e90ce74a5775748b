/**
 * Record operations asked for by the programmatic API and the CLI (a test saving an employee "from the
 * UI", an inline edit, a CSV import): run in a worker so the user events fire with that context.
 */
import * as store from '../records/store';
import type { Engine } from './engine';

/** values and lines: script-form values, dates as { $date: 'YYYY-MM-DD' } */
export interface RecordTask {
  op: 'create' | 'update' | 'xedit' | 'delete' | 'read', type: string, id?: number, values?: Record<string, unknown>,
  lines?: Record<string, Array<Record<string, unknown>>>, user: number, role: number, executionContext: string,
}

export function handleRecordTask(engine: Engine, task: RecordTask) {
  const actor = { user: task.user, role: task.role, executionContext: task.executionContext };
  const svc = engine.records;
  const values = revive(task.values || {});
  switch (task.op) {
    case 'read': {
      const t = svc.type(task.type);
      return store.readRecord(engine.db, t, svc.parseId(t.id, task.id));
    }
    case 'create': case 'update': {
      const rec = task.op === 'create' ? svc.create(task.type) : svc.load(task.type, task.id);
      for (const [k, v] of Object.entries(values)) rec.setValue(k, v);
      for (const [name, rows] of Object.entries(task.lines || {})) {
        while (rec.getLineCount(name) > 0) rec.removeLine(name, 0);
        rows.forEach((row, i) => {
          rec.insertLine(name, i);
          for (const [k, v] of Object.entries(revive(row))) rec.setSublistValue(name, k, i, v);
        });
      }
      return svc.save(rec, actor);
    }
    case 'xedit':
      return svc.submitFields(task.type, task.id, values, actor);
    case 'delete':
      return svc.remove(task.type, task.id, actor);
    default:
      throw new Error(`unknown record operation ${String((task as { op: unknown }).op)}`);
  }
}

/** Dates cross the thread boundary as { $date: 'YYYY-MM-DD' }. */
function revive(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => {
    const date = v && typeof v === 'object' ? (v as { $date?: unknown }).$date : undefined;
    if (typeof date === 'string') {
      const [y, m, d] = date.split('-').map(Number);
      return [k, new Date(y, m - 1, d)];
    }
    return [k, v];
  }));
}
