/**
 * Prepared statements kept per connection. better-sqlite3's prepare() parses and plans its SQL on every
 * call, and a save prepares a few dozen: each connection keeps the ones it has used, most recent last,
 * at most `max` of them, so generated SQL (a query per record type, per field list) cannot grow it.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';

const uncached = new WeakMap<Database, (sql: string) => Statement>();

/**
 * A statement of the caller's own, for one that changes its settings (raw(), pluck(), expand()): a shared
 * one must keep the defaults.
 */
export function freshStatement(db: Database, sql: string): Statement {
  return (uncached.get(db) ?? db.prepare.bind(db))(sql);
}

export function cacheStatements(db: Database, max = 300): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  uncached.set(db, prepare);
  const cache = new Map<string, Statement>();
  const cached = (sql: string): Statement => {
    const hit = cache.get(sql);
    // One being iterated cannot run again until it is done: such a caller gets a statement of its own.
    if (hit && !hit.busy) {
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const stmt = prepare(sql);
    if (!hit) {
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
    }
    return stmt;
  };
  db.prepare = cached as Database['prepare'];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function a transaction wraps
type TxFunction = (...args: any[]) => unknown;
const transactions = new WeakMap<Database, Map<TxFunction, Transaction>>();

/** db.transaction(fn) made once per connection and function: making one costs about what a small write does. */
export function transactionOf<F extends TxFunction>(db: Database, fn: F): Transaction<F> {
  let made = transactions.get(db);
  if (!made) transactions.set(db, made = new Map<TxFunction, Transaction>());
  let tx = made.get(fn);
  if (!tx) made.set(fn, tx = db.transaction(fn));
  return tx as Transaction<F>;
}
