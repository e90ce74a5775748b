/**
 * A progress bar for a long background task on the CLI (`npm run sandbox -- run …`): the current stage
 * and, in map and reduce, how many keys are done. Drawn on stderr only when it is a terminal and the run
 * has lasted a second, so piped output and short runs stay clean.
 */
import * as store from './runtime/mapreduce/store';
import type { Database } from 'better-sqlite3';

const STAGE_KEYS: Record<string, 'map' | 'reduce'> = { MAP: 'map', REDUCE: 'reduce' };

/** One line: "MAP [#########-----------] 412/1000 keys, 3 failed". Pure, for tests. */
export function progressLine(p: { stage: string | null, done: number, total: number, failed: number, width?: number }): string {
  const stage = p.stage || 'PENDING';
  if (!p.total) return `${stage}…`;
  const width = p.width ?? 30;
  const filled = Math.min(width, Math.round((p.done / p.total) * width));
  return `${stage.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} keys${p.failed ? `, ${p.failed} failed` : ''}`;
}

/** Watch a task until stop() is called; draws on `out` every `everyMs`. */
export function watchProgress(db: Database, taskId: string, o: { out?: NodeJS.WriteStream, everyMs?: number, afterMs?: number } = {}): { stop: () => void } {
  const out = o.out || process.stderr;
  if (!out.isTTY) return { stop: () => undefined };
  const started = Date.now();
  let drawn = false;
  const timer = setInterval(() => {
    if (Date.now() - started < (o.afterMs ?? 1000)) return;
    const t = store.getTask(db, taskId);
    if (!t) return;
    const stage = STAGE_KEYS[t.stage || ''] as 'map' | 'reduce' | undefined;
    const c = stage ? store.keyCounts(db, taskId, stage) : { total: 0, done: 0, failed: 0 };
    out.write(`\r${progressLine({ stage: t.stage, ...c, width: 30 })}\x1b[K`);
    drawn = true;
  }, o.everyMs ?? 200);
  return {
    stop() {
      clearInterval(timer);
      if (drawn) out.write('\r\x1b[K');
    },
  };
}
