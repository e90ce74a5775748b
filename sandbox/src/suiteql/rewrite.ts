/**
 * SuiteQL (Oracle-flavoured SQL) → SQLite SQL.
 *
 * The query is tokenized by lexer.ts (string literals, quoted identifiers and comments are tokens of their own, so a
 * literal such as 'sb_x' is never mistaken for a name), parentheses become nested groups, and every
 * SELECT level is rewritten with its own scope of FROM aliases:
 *   BUILTIN.DF(a.col)       → correlated subquery on the select target's display column
 *   BUILTIN.RELATIVE_RANGES('TODAY', 'START') → sb_relative_range() on the account clock
 *   NVL, NVL2, DECODE        → COALESCE / CASE
 *   LISTAGG(x, d) WITHIN GROUP (ORDER BY y) → group_concat(x, d ORDER BY y)
 *   SYSDATE, CURRENT_DATE    → sb_now() (the account clock, in the account time zone)
 *   TO_DATE, TO_CHAR, TRUNC, ADD_MONTHS, LAST_DAY, MONTHS_BETWEEN, EXTRACT, date ± days, date - date
 *   SUBSTR, INSTR, LPAD, RPAD, INITCAP, TO_NUMBER, REGEXP_LIKE (Oracle semantics, as sb_* functions)
 *   FETCH FIRST/NEXT n ROWS ONLY, OFFSET n ROWS, TOP n, simple WHERE ROWNUM <= n → LIMIT/OFFSET
 *   MINUS → EXCEPT, FROM DUAL dropped
 * The mapping of each function, and the sb_* functions themselves, are in functions.ts.
 *
 * Dates inside a query are compared as text in one canonical form, the wall-clock time in the account's
 * time zone: 'YYYY-MM-DD' at midnight, 'YYYY-MM-DD HH:MM:SS' otherwise. DATE columns are stored that way
 * already; DATETIME columns (stored as UTC ISO) are wrapped in sb_dt() wherever they are compared or
 * computed with. A select item that is a bare column keeps its raw value, so run.ts can format it from
 * the column's declared type.
 */
import { unsupported, recordNotFound, unknownIdentifier, HIDDEN_NAME } from './errors';
import { tokenize, buildTree, isKw, isOp, startsQuery, raw, isDate, kw, op, num, describe, splitTopComma, toSql } from './lexer';
import type { Tok, Group, Raw, Node } from './lexer';
import { builtin, listagg, callFunction } from './functions';

// Words that are never column references or function names.
const KEYWORDS = new Set(`SELECT FROM WHERE GROUP BY HAVING ORDER ASC DESC NULLS FIRST LAST AND OR NOT NULL IS IN LIKE
  ESCAPE BETWEEN EXISTS CASE WHEN THEN ELSE END AS ON USING JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL UNION ALL
  INTERSECT EXCEPT MINUS DISTINCT UNIQUE TOP WITH RECURSIVE OVER PARTITION ROWS ROW RANGE UNBOUNDED PRECEDING FOLLOWING
  CURRENT FETCH NEXT ONLY OFFSET LIMIT TRUE FALSE ANY SOME PRIOR CONNECT START GLOB REGEXP COLLATE FILTER WITHIN
  MATERIALIZED INTERVAL`.split(/\s+/));
/** Of those, Oracle's reserved words (Oracle Database SQL Language Reference, "Oracle SQL Reserved Words"), and CASE … END: never an alias. */
const ORACLE_RESERVED = new Set(`SELECT FROM WHERE GROUP BY HAVING ORDER ASC DESC AND OR NOT NULL IS IN LIKE BETWEEN EXISTS ELSE AS ON
  UNION ALL INTERSECT MINUS DISTINCT UNIQUE WITH ROWS ROW CURRENT ANY PRIOR CONNECT START THEN CASE WHEN END`.split(/\s+/));
const NOW_WORDS = new Set(['SYSDATE', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'SYSTIMESTAMP', 'LOCALTIMESTAMP']);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL']);
const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'LISTAGG', 'GROUP_CONCAT', 'STDDEV', 'VARIANCE', 'MEDIAN']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const DATE_TYPES = new Set(['DATE', 'DATE_EXPR']);
const DATETIME_TYPES = new Set(['DATETIME', 'TIMESTAMP']);

// ---------------------------------------------------------------------------------------------------
// Scopes

/** Column name (lowercase) → declared type ('DATE', 'DATETIME', 'DATE_EXPR' for a computed date, 'INTEGER' …) or null when unknown. */
export type Columns = Map<string, string | null>;
export interface Source { alias: string, table: string | null, columns: Columns | null }
export interface Scope { sources: Map<string, Source>, ctes: Map<string, Columns | null>, parent: Scope | null }
export interface Meta {
  tables?: Record<string, { display?: string, selects?: Record<string, string>, columns?: Record<string, string> }>;
  columnsOf?: (table: string) => Columns | null | undefined;
}

export class Context {
  meta: Meta;
  dfCount = 0;
  /** "{e=employee, d=department}" of the outermost query, for "Unknown identifier" errors. */
  identifiers = '{}';

  constructor(meta: Meta) {
    this.meta = meta || {};
  }

  columnsOf(table: string): Columns | null {
    if (this.meta.columnsOf) return this.meta.columnsOf(table) || null;
    const cols = this.meta.tables && this.meta.tables[table] && this.meta.tables[table].columns;
    if (!cols) return null;
    return new Map(Object.entries(cols).map(([k, v]) => [k.toLowerCase(), String(v).toUpperCase()]));
  }

  tableMeta(table: string) {
    return (this.meta.tables && this.meta.tables[table]) || null;
  }
}

const newScope = (parent: Scope | null): Scope => ({ sources: new Map(), ctes: new Map(), parent });

/** undefined: no such CTE. */
function findCte(scope: Scope | null, name: string): Columns | null | undefined {
  for (let s = scope; s; s = s.parent) if (s.ctes.has(name)) return s.ctes.get(name);
  return undefined;
}

/** The source and type of a column reference. */
export function resolveColumn(scope: Scope, qualifier: string | null, col: string): { source: Source | null, type: string | null } {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (qualifier) {
      const src = s.sources.get(qualifier);
      if (src) return { source: src, type: (src.columns && src.columns.get(col)) || null };
      continue;
    }
    const hits = [...s.sources.values()].filter((src) => src.columns && src.columns.has(col));
    if (hits.length === 1) return { source: hits[0], type: (hits[0].columns as Columns).get(col) || null };
    if (hits.length > 1) return { source: null, type: null };
  }
  return { source: null, type: null };
}

/** Refuse names of the sandbox's own tables, columns and functions. */
export function checkName(n: Node): void {
  if ((n.t === 'id' || n.t === 'qid') && HIDDEN_NAME.test(n.name as string)) throw new HiddenName(n.name as string);
}

/** Thrown deep in the walk; translate() turns it into "Unknown identifier" with the query's identifiers. */
class HiddenName extends Error {
  hiddenName: string;
  constructor(name: string) { super(name); this.hiddenName = name; }
}

const rownumError = () => unsupported('The sandbox supports ROWNUM only as a condition ROWNUM <= n (or < n, = 1) '
  + 'joined with AND at the top of a WHERE clause, in a query without ORDER BY, GROUP BY, DISTINCT or aggregates '
  + '(where SuiteQL applies ROWNUM before sorting). Use FETCH FIRST n ROWS ONLY instead.');

// ---------------------------------------------------------------------------------------------------
// Queries

/**
 * A SELECT (or WITH … SELECT), possibly compound.
 */
function processQuery(items: Node[], parent: Scope | null, ctx: Context, outermost: boolean): { items: Node[], columns: Columns | null } {
  const scope = newScope(parent);
    const out: Node[] = [];
  let i = 0;
  if (isKw(items[0], 'WITH')) {
    out.push(items[i++]);
    if (isKw(items[i], 'RECURSIVE')) out.push(items[i++]);
    for (;;) {
      const name = items[i];
      if (!name || (name.t !== 'id' && name.t !== 'qid')) throw unsupported('WITH must be followed by a name, AS and a parenthesized SELECT.');
      checkName(name);
      out.push(name);
      i++;
            let renamed: string[]|null = null;
      const colList = items[i];
      if (colList && colList.t === 'group') {
        renamed = splitTopComma(colList.items).map((c) => (c[0] && (c[0].t === 'id' || c[0].t === 'qid') ? (c[0].name as string) : ''));
        out.push(colList);
        i++;
      }
      if (!isKw(items[i], 'AS')) throw unsupported(`WITH ${name.v}: expected AS, found ${describe(items[i])}.`);
      out.push(items[i++]);
      if (isKw(items[i], 'NOT')) out.push(items[i++]);
      if (isKw(items[i], 'MATERIALIZED')) out.push(items[i++]);
      const body = items[i];
      if (!body || body.t !== 'group' || !startsQuery(body.items)) throw unsupported(`WITH ${name.v} AS must be followed by a parenthesized SELECT.`);
      // A recursive CTE may name itself: make it known (columns unknown) before its body is read.
      scope.ctes.set((name.name as string), null);
      const q = processQuery(body.items, scope, ctx, false);
      let cols = q.columns;
      if (renamed && cols) {
        const types = [...cols.values()];
        cols = new Map(renamed.map((c, k) => [c, types[k] === undefined ? null : types[k]]));
      }
      scope.ctes.set((name.name as string), cols);
      out.push({ t: 'group', items: q.items });
      i++;
      if (isOp(items[i], ',')) { out.push(items[i++]); continue; }
      break;
    }
    if (!isKw(items[i], 'SELECT')) {
      throw unsupported(`SuiteQL runs only SELECT statements; after WITH … the query continues with ${describe(items[i])}.`);
    }
  }

  // Split a compound SELECT into its members.
    const members: Array<{ ops: Node[], items: Node[] }> = [{ ops: [], items: [] }];
  for (let j = i; j < items.length; j++) {
    const n = items[j];
    if (isKw(n, 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS')) {
            const ops: Node[] = [(n as Tok).u === 'MINUS' ? kw('EXCEPT') : n];
      if (isKw(items[j + 1], 'ALL', 'DISTINCT')) ops.push(items[++j]);
      members.push({ ops, items: [] });
    } else members[members.length - 1].items.push(n);
  }

  if (members.length === 1) {
    const core = processCore(members[0].items, scope, ctx, outermost, false);
    return { items: out.concat(core.items), columns: core.columns };
  }

  // ORDER BY / OFFSET / FETCH after the last member belong to the whole compound.
  const last = members[members.length - 1];
  const tailAt = last.items.findIndex((n, k) => (isKw(n, 'ORDER') && isKw(last.items[k + 1], 'BY'))
    || (isKw(n, 'FETCH') && isKw(last.items[k + 1], 'FIRST', 'NEXT')) || isOffsetAt(last.items, k) || isKw(n, 'LIMIT'));
  const tail = tailAt < 0 ? [] : last.items.splice(tailAt);
    let columns: Columns|null = null;
  members.forEach((m, k) => {
    const core = processCore(m.items, newScope(scope), ctx, outermost, true);
    if (k === 0) columns = core.columns;
    out.push(...m.ops, ...core.items);
  });
  const t = processTail(tail, newScope(scope), ctx, { compound: true });
  out.push(...t.orderBy);
  out.push(...limitClause(t.limit, t.offset));
  return { items: out, columns };
}

function isOffsetAt(items: Node[], k: number): boolean {
  const n = items[k];
  const v = items[k + 1];
  return isKw(n, 'OFFSET') && !!v && (v.t === 'num' || v.t === 'bind' || v.t === 'group') && isKw(items[k + 2], 'ROW', 'ROWS');
}

/**
 * ORDER BY, OFFSET … ROWS, FETCH FIRST|NEXT … ROWS ONLY.
 */
function processTail(items: Node[], scope: Scope, ctx: Context, opts: { compound: boolean }): { orderBy: Node[], limit: Node[] | null, offset: Node[] | null } {
    let orderBy: Node[] = [];
    let limit: Node[]|null = null;
    let offset: Node[]|null = null;
  let k = 0;
  while (k < items.length) {
    const n = items[k];
    if (isKw(n, 'ORDER') && isKw(items[k + 1], 'BY')) {
      let e = k + 2;
      while (e < items.length && !isOffsetAt(items, e) && !(isKw(items[e], 'FETCH') && isKw(items[e + 1], 'FIRST', 'NEXT')) && !isKw(items[e], 'LIMIT')) e++;
      // A compound's ORDER BY names result columns; SQLite wants them as written.
      const body = opts.compound ? items.slice(k + 2, e) : processExpr(items.slice(k + 2, e), scope, ctx, {}).items;
      orderBy = [kw('ORDER'), kw('BY'), ...body];
      k = e;
    } else if (isOffsetAt(items, k)) {
      offset = [limitValue(items[k + 1], scope, ctx)];
      k += 3;
    } else if (isKw(n, 'FETCH')) {
      let e = k + 2;
            let count: Node|null = null;
      if (items[e] && (items[e].t === 'num' || items[e].t === 'bind' || items[e].t === 'group')) count = items[e++];
      if (isKw(items[e], 'PERCENT')) throw unsupported('FETCH … PERCENT is not supported by the sandbox: fetch a number of rows.');
      if (!isKw(items[e], 'ROW', 'ROWS')) throw unsupported(`FETCH ${describe(items[k + 1])}: expected ROWS ONLY, found ${describe(items[e])}.`);
      e++;
      if (isKw(items[e], 'WITH')) throw unsupported('FETCH … WITH TIES is not supported by the sandbox: use ROWS ONLY.');
      if (!isKw(items[e], 'ONLY')) throw unsupported(`FETCH ${describe(items[k + 1])} … ROWS: expected ONLY, found ${describe(items[e])}.`);
      limit = [count ? limitValue(count, scope, ctx) : num(1)];
      k = e + 1;
    } else if (isKw(n, 'LIMIT')) {
      throw unsupported('SuiteQL has no LIMIT clause: use FETCH FIRST n ROWS ONLY (and OFFSET n ROWS to skip rows).');
    } else {
      throw unsupported(`Unexpected ${describe(n)} after the end of the query.`);
    }
  }
  return { orderBy, limit, offset };
}

function limitValue(n: Node, scope: Scope, ctx: Context): Node {
  if (n.t === 'group') return { t: 'group', items: processExpr(n.items, scope, ctx, {}).items };
  return n;
}

function limitClause(limit: Node[] | null, offset: Node[] | null): Node[] {
  if (!limit && !offset) return [];
    const out: Node[] = [kw('LIMIT'), ...(limit || [op('-'), num(1)])];
  if (offset) out.push(kw('OFFSET'), ...offset);
  return out;
}

/**
 * One SELECT … FROM … WHERE … GROUP BY … HAVING … [ORDER BY … FETCH …].
 */
function processCore(items: Node[], scope: Scope, ctx: Context, outermost: boolean, inCompound: boolean): { items: Node[], columns: Columns | null } {
  if (!isKw(items[0], 'SELECT')) throw unsupported(`Expected SELECT, found ${describe(items[0])}.`);
  let i = 1;
    const head: Node[] = [kw('SELECT')];
  let distinct = false;
  if (isKw(items[i], 'DISTINCT', 'UNIQUE', 'ALL')) {
    distinct = (items[i] as Tok).u !== 'ALL';
    head.push(distinct ? kw('DISTINCT') : items[i]);
    i++;
  }
    let top: Node|null = null;
  if (isKw(items[i], 'TOP')) {
    top = items[i + 1];
    if (!top || !(top.t === 'num' || top.t === 'bind')) throw unsupported('TOP must be followed by a number or ?.');
    i += 2;
  }

  // Clause boundaries at this level.
    const marks: Array<{ kw: string, at: number }> = [];
  for (let j = i; j < items.length; j++) {
    const n = items[j];
    if (n.t !== 'id') continue;
    const u = n.u;
    if (u === 'FROM' || u === 'WHERE' || u === 'HAVING' || u === 'LIMIT' || u === 'WINDOW') marks.push({ kw: u, at: j });
    else if ((u === 'GROUP' || u === 'ORDER' || u === 'CONNECT') && isKw(items[j + 1], 'BY')) marks.push({ kw: u, at: j });
    else if (u === 'START' && isKw(items[j + 1], 'WITH')) marks.push({ kw: u, at: j });
    else if (u === 'FETCH' && isKw(items[j + 1], 'FIRST', 'NEXT')) marks.push({ kw: u, at: j });
    else if (u === 'OFFSET' && isOffsetAt(items, j)) marks.push({ kw: u, at: j });
  }
  /** The clause's nodes after its keyword(s). */
  const clause = (name: string): Node[] | null => {
    const k = marks.findIndex((m) => m.kw === name);
    if (k < 0) return null;
    const skip = name === 'GROUP' || name === 'ORDER' || name === 'CONNECT' || name === 'START' ? 2 : 1;
    return items.slice(marks[k].at + skip, k + 1 < marks.length ? marks[k + 1].at : items.length);
  };
  const selectList = items.slice(i, marks.length ? marks[0].at : items.length);
  if (clause('CONNECT') || clause('START')) throw unsupported('Hierarchical queries (CONNECT BY / START WITH) are not supported by the sandbox.');
  if (clause('LIMIT')) throw unsupported('SuiteQL has no LIMIT clause: use FETCH FIRST n ROWS ONLY (and OFFSET n ROWS to skip rows).');
  if (!selectList.length) throw unsupported('SELECT needs at least one column.');

  // FROM first: it defines the names the other clauses use.
    let fromOut: Node[] = [];
  const from = clause('FROM');
  if (from) {
    const f = processFrom(from, scope, ctx);
    if (!f.dual) fromOut = [kw('FROM'), ...f.items];
  }
  if (outermost && !inCompound) {
    ctx.identifiers = `{${[...scope.sources.values()].map((s) => `${s.alias}=${s.table || s.alias}`).join(', ')}}`;
  }

  // ROWNUM in the WHERE clause.
  let where = clause('WHERE');
    let rownumLimit: Node[]|null = null;
  if (where) {
    if (!where.length) throw unsupported('WHERE needs a condition.');
    const r = extractRownum(where);
    where = r.nodes;
    rownumLimit = r.limit;
  }
  const groupBy = clause('GROUP');
  const having = clause('HAVING');
  const orderAt = marks.find((m) => m.kw === 'ORDER' || m.kw === 'OFFSET' || m.kw === 'FETCH');
  const tail = orderAt ? processTail(items.slice(orderAt.at), scope, ctx, { compound: false }) : { orderBy: [], limit: null, offset: null };

  const list = processSelectList(selectList, scope, ctx, outermost);

  if (rownumLimit) {
    if (inCompound || tail.orderBy.length || groupBy || having || distinct || list.aggregate) throw rownumError();
    if (top || tail.limit) throw unsupported('Use one row limit: ROWNUM, TOP or FETCH FIRST, not several.');
  }
  if (top && tail.limit) throw unsupported('Use one row limit: TOP or FETCH FIRST, not both.');
  const limit = rownumLimit || (top ? [top] : null) || tail.limit;
  if (inCompound && (limit || tail.offset)) throw unsupported('A row limit inside UNION/INTERSECT/MINUS members is not supported by the sandbox: limit the whole query with FETCH FIRST.');

    const out: Node[] = [...head, ...list.items, ...fromOut];
  // sb_deadline() (always true) makes each row visit a point where a statement past its time limit stops.
  if (where && where.length) out.push(kw('WHERE'), raw(['sb_deadline() AND (', processExpr(where, scope, ctx, {}).items, ')']));
  else if (fromOut.length) out.push(kw('WHERE'), raw(['sb_deadline()']));
  if (groupBy) out.push(kw('GROUP'), kw('BY'), ...processExpr(groupBy, scope, ctx, {}).items);
  if (having) out.push(kw('HAVING'), ...processExpr(having, scope, ctx, {}).items);
  out.push(...tail.orderBy, ...limitClause(limit, tail.offset));
  return { items: out, columns: list.columns };
}

/**
 * Take `ROWNUM <= n` conjuncts out of a WHERE clause.
 */
function extractRownum(nodes: Node[]): { nodes: Node[], limit: Node[] | null } {
  if (!nodes.some((n) => isKw(n, 'ROWNUM'))) return { nodes, limit: null };
  if (nodes.some((n) => isKw(n, 'OR'))) throw rownumError();
    const conj: Node[][] = [[]];
  let between = false;
  for (const n of nodes) {
    if (isKw(n, 'BETWEEN')) between = true;
    if (isKw(n, 'AND') && !between) { conj.push([]); continue; }
    if (isKw(n, 'AND')) between = false;
    conj[conj.length - 1].push(n);
  }
    let limit: Node[]|null = null;
    const kept: Node[] = [];
  for (const c of conj) {
    if (!c.some((n) => isKw(n, 'ROWNUM'))) {
      if (kept.length) kept.push(kw('AND'));
      kept.push(...c);
      continue;
    }
    if (limit || c.length !== 3) throw rownumError();
    const o = c[1];
    let [a, , b] = c;
    let cmp = o.t === 'op' ? o.v : '';
    if (isKw(b, 'ROWNUM')) {
      [a, b] = [b, a];
      cmp = ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>', '=': '=' } as Record<string,string>)[cmp] || '';
    }
    if (!isKw(a, 'ROWNUM') || !(b.t === 'num' || b.t === 'bind')) throw rownumError();
    if (cmp === '<=') limit = [b];
    else if (cmp === '<') limit = b.t === 'num' ? [num(Math.max(0, Math.ceil(Number(b.v)) - 1))] : [raw(['(', b, ' - 1)'])];
    else if (cmp === '=' && b.t === 'num') limit = [num(Number(b.v) === 1 ? 1 : 0)];
    else throw rownumError();
  }
  return { nodes: kept, limit };
}

/**
 * FROM items: tables (a CTE or a NetSuite table), derived tables, joins. Registers each source in scope.
 */
function processFrom(nodes: Node[], scope: Scope, ctx: Context): { items: Node[], dual: boolean } {
    const segs: Array<Node|{ t: 'span', nodes: Node[] }> = [];
    const spans: Node[][] = [];
  let state = 'table';
    let current: { key: string, source: Source }|null = null;
  let tableCount = 0;
  let dualSeen = false;
  const register = (key: string, source: Source) => {
    scope.sources.set(key, source);
    current = { key, source };
  };
  for (const n of nodes) {
    if (state === 'on') {
      if (!(isOp(n, ',') || (n.t === 'id' && JOIN_WORDS.has((n.u as string))))) {
        spans[spans.length - 1].push(n);
        continue;
      }
    }
    if (isOp(n, ',') || (n.t === 'id' && JOIN_WORDS.has((n.u as string)))) {
      segs.push(n);
      state = 'table';
      continue;
    }
    if (state === 'table') {
      if (n.t === 'str') throw recordNotFound((n.name as string));
      if (n.t === 'id' || n.t === 'qid') {
        const name = (n.name as string);
        if (HIDDEN_NAME.test(name)) throw recordNotFound(n.t === 'qid' ? name : n.v);
        const cte = findCte(scope, name);
        tableCount++;
        if (name === 'dual' && cte === undefined) dualSeen = true;
        register(name, { alias: name, table: cte === undefined ? name : null, columns: cte === undefined ? ctx.columnsOf(name) : cte });
        segs.push(n.t === 'id' ? { ...n, v: name } : n);
        state = 'alias';
        continue;
      }
      if (n.t === 'group') {
        tableCount++;
        if (startsQuery(n.items)) {
          const q = processQuery(n.items, scope.parent, ctx, false);
          segs.push({ t: 'group', items: q.items });
          current = { key: '', source: { alias: '', table: null, columns: q.columns } };
        } else {
          segs.push({ t: 'group', items: processFrom(n.items, scope, ctx).items });
          current = null;
        }
        state = 'alias';
        continue;
      }
      segs.push(n);
      continue;
    }
    // state 'alias'
    if (isKw(n, 'AS')) { segs.push(n); continue; }
    if (isKw(n, 'ON')) {
      segs.push(n);
      const span = ([] as Node[]);
      spans.push(span);
      segs.push({ t: 'span', nodes: span });
      state = 'on';
      continue;
    }
    if (n.t === 'str') throw unsupported(`A table alias must be an identifier, not the string ${n.v}.`);
    if ((n.t === 'id' && !KEYWORDS.has((n.u as string))) || n.t === 'qid') {
      checkName(n);
      if (current) {
        const c = current;
        if (c.key) scope.sources.delete(c.key);
        register((n.name as string), { ...c.source, alias: (n.name as string) });
      }
      segs.push(n);
      continue;
    }
    if (n.t === 'group') { segs.push(n); continue; } // USING (cols)
    segs.push(n);
  }
    const items: Node[] = [];
  for (const s of segs) {
    if (s.t === 'span') items.push(...processExpr((s as { nodes: Node[] }).nodes, scope, ctx, {}).items);
    else items.push(s);
  }
  return { items, dual: dualSeen && tableCount === 1 };
}

/**
 * The select list: bare column references keep their raw value (run.ts formats them from the declared
 * type); in the outermost query, computed dates are tagged for formatting and unnamed expressions are
 * named expr1, expr2 …. Assumed (FIDELITY.md, SuiteQL language and results: "Unnamed expressions are named
 * expr1, expr2 …").
 */
function processSelectList(nodes: Node[], scope: Scope, ctx: Context, outermost: boolean): { items: Node[], columns: Columns | null, aggregate: boolean } {
    const out: Node[] = [];
    let columns: Columns|null = new Map();
  let exprCount = 0;
  let aggregate = false;
  for (const item of splitTopComma(nodes)) {
    if (out.length) out.push(op(','));
    if (!item.length) throw unsupported('Empty column in the SELECT list (two commas in a row?).');
    item.forEach((n, k) => {
      if (n.t === 'id' && AGGREGATES.has((n.u as string)) && item[k + 1] && item[k + 1].t === 'group') aggregate = true;
    });
    // * and alias.*
    if (item.length === 1 && isOp(item[0], '*')) {
      columns = mergeStar(columns, [...scope.sources.values()]);
      out.push(item[0]);
      continue;
    }
    if (item.length === 3 && isOp(item[1], '.') && isOp(item[2], '*') && (item[0].t === 'id' || item[0].t === 'qid')) {
      checkName(item[0]);
      const src = scope.sources.get((item[0].name as string));
      columns = mergeStar(columns, src ? [src] : []);
      out.push(...item);
      continue;
    }
        let alias: Tok|null = null;
    let body = item;
    const last = item[item.length - 1];
    const prev = item[item.length - 2];
    if (item.length >= 2 && isKw(prev, 'AS') && last.t === 'id' && KEYWORDS.has(last.u as string) && !ORACLE_RESERVED.has(last.u as string)) {
      // AS last, AS next …: Oracle keywords that are not reserved name a column; quoted, SQLite takes any.
      alias = { t: 'qid', v: `"${last.name as string}"`, name: last.name, pos: -1 };
      body = item.slice(0, -2);
    } else if (item.length >= 2 && ((last.t === 'id' && !KEYWORDS.has((last.u as string)) && !NOW_WORDS.has((last.u as string))) || last.t === 'qid')) {
      if (isKw(prev, 'AS')) { alias = last; body = item.slice(0, -2); }
      else if (prev.t !== 'op' && !(prev.t === 'id' && KEYWORDS.has((prev.u as string)))) { alias = last; body = item.slice(0, -1); }
    } else if (item.length >= 2 && isKw(prev, 'AS') && last.t === 'str') {
      throw unsupported(`Column alias ${last.v}: quote aliases with double quotes, not single quotes.`);
    }
    if (alias) checkName(alias);
    const bare = bareReference(body);
    const r = processExpr(body, scope, ctx, { bare: !!bare });
        let expr: Node[] = r.items;
    let name = alias ? (alias.name as string) : null;
        let type: string|null = null;
    if (bare) {
      name = name || bare.col;
      type = resolveColumn(scope, bare.qualifier, bare.col).type;
      if (outermost && type === 'DATE_EXPR') {
        expr = [raw(['sb_out_date(', expr, ')'])];
        if (!alias) alias = { t: 'qid', v: `"${bare.col}"`, name: bare.col, pos: -1 };
      }
    } else {
      type = r.date ? 'DATE_EXPR' : null;
      if (outermost) {
        if (r.date) expr = [raw(['sb_out_date(', expr, ')'])];
        if (!alias) {
          exprCount++;
          name = `expr${exprCount}`;
          alias = { t: 'qid', v: `"${name}"`, name, pos: -1 };
        }
      }
    }
    out.push(...expr);
    if (alias) out.push(kw('AS'), alias);
    if (columns && name) columns.set(name, type);
  }
  return { items: out, columns, aggregate };
}

function mergeStar(columns: Columns | null, sources: Source[]): Columns | null {
  if (!columns) return null;
  for (const s of sources) {
    if (!s.columns) return null;
    for (const [k, v] of s.columns) if (!HIDDEN_NAME.test(k)) columns.set(k, v);
  }
  return columns;
}

/** `col`, `alias.col` (quoted or not). */
export function bareReference(body: Node[]): { qualifier: string | null, col: string } | null {
  const isName = (n: Node) => (n.t === 'id' && !KEYWORDS.has((n.u as string)) && !NOW_WORDS.has((n.u as string)) && n.u !== 'ROWNUM') || n.t === 'qid';
  if (body.length === 1 && isName(body[0])) return { qualifier: null, col: ((body[0] as Tok).name as string) };
  if (body.length === 3 && isName(body[0]) && isOp(body[1], '.') && isName(body[2])) {
    return { qualifier: ((body[0] as Tok).name as string), col: ((body[2] as Tok).name as string) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Expressions

export function processExpr(nodes: Node[], scope: Scope, ctx: Context, opts: { bare?: boolean }): { items: Node[], date: boolean } {
    const out: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const next = nodes[i + 1];
    if (n.t === 'id' || n.t === 'qid') {
      const u = n.t === 'id' ? (n.u as string) : '';
      if ((u === 'BUILTIN' || u === 'BUILTIN_RESULT') && isOp(next, '.') && nodes[i + 2] && nodes[i + 2].t === 'id' && nodes[i + 3] && nodes[i + 3].t === 'group') {
        out.push(builtin(`${u}.${(nodes[i + 2] as Tok).u}`, (nodes[i + 3] as Group), scope, ctx));
        i += 3;
        continue;
      }
      if (u === 'LISTAGG' && next && next.t === 'group') {
        const within = isKw(nodes[i + 2], 'WITHIN') && isKw(nodes[i + 3], 'GROUP') && nodes[i + 4]?.t === 'group' ? (nodes[i + 4] as Group) : null;
        out.push(listagg(next, within, scope, ctx));
        i += within ? 4 : 1;
        continue;
      }
      if (n.t === 'id' && next && next.t === 'group' && !KEYWORDS.has(u)) {
        out.push(callFunction(n, next, scope, ctx));
        i++;
        continue;
      }
      if (isOp(next, '.')) {
        const col = nodes[i + 2];
        if (isOp(col, '*')) { checkName(n); out.push(n, next, col); i += 2; continue; }
        if (!col || (col.t !== 'id' && col.t !== 'qid')) {
          throw unsupported(`After ${n.v}. a column name is expected, found ${describe(col)}.`);
        }
        out.push(columnRef(n, col, scope, opts));
        i += 2;
        continue;
      }
      if (n.t === 'id' && NOW_WORDS.has(u)) { out.push(raw(['sb_now()'], true)); continue; }
      if (u === 'ROWNUM') throw rownumError();
      if ((u === 'DATE' || u === 'TIMESTAMP') && next && next.t === 'str') {
        out.push(raw(['sb_to_date(', next, ', NULL)'], true));
        i++;
        continue;
      }
      if (u === 'INTERVAL') {
        out.push(interval(next, nodes[i + 2]));
        i += 2;
        continue;
      }
      if (n.t === 'id' && KEYWORDS.has(u)) { out.push(n); continue; }
      out.push(columnRef(null, n, scope, opts));
      continue;
    }
    if (n.t === 'group') {
      if (startsQuery(n.items)) out.push({ t: 'group', items: processQuery(n.items, scope, ctx, false).items });
      else {
        const r = processExpr(n.items, scope, ctx, {});
        out.push({ t: 'group', items: r.items, date: r.date });
      }
      continue;
    }
    out.push(n);
  }
  dateArithmetic(out);
  dateComparisons(out);
  return { items: out, date: out.length === 1 && isDate(out[0]) };
}

/**
 * A column reference. DATETIME columns become account-zone wall time (sb_dt) unless they are a bare
 * select item.
 */
function columnRef(qualifier: Tok | null, col: Tok, scope: Scope, opts: { bare?: boolean }): Raw {
  if (qualifier) checkName(qualifier);
  checkName(col);
    const ref: Node[] = qualifier ? [qualifier, op('.'), col] : [col];
  const { type } = resolveColumn(scope, qualifier ? (qualifier.name as string) : null, (col.name as string));
  if (type && DATETIME_TYPES.has(type)) return opts.bare ? raw([ref], true) : raw(['sb_dt(', ref, ')'], true);
  return raw([ref], !!type && DATE_TYPES.has(type));
}

/** INTERVAL 'n' DAY|HOUR|MINUTE|SECOND → a number of days. */
function interval(value: Node | undefined, unit: Node | undefined): Raw {
  const perDay = ({ DAY: 1, HOUR: 24, MINUTE: 1440, SECOND: 86400 } as Record<string, number>);
  if (!value || value.t !== 'str' || !isKw(unit, 'DAY', 'HOUR', 'MINUTE', 'SECOND') || !Number.isFinite(Number(value.name))) {
    throw unsupported("The sandbox supports INTERVAL 'n' DAY|HOUR|MINUTE|SECOND; for months use ADD_MONTHS.");
  }
  return raw([`(${Number(value.name) / perDay[((unit as Tok).u as string)]})`]);
}

/**
 * date ± days → sb_date_add; date - date → sb_date_diff (days), as Oracle computes them.
 */
function dateArithmetic(items: Node[]): void {
  const isValue = (n: Node|undefined) => !!n && (n.t === 'raw' || n.t === 'group' || n.t === 'str' || n.t === 'num' || n.t === 'bind');
  for (let i = 1; i < items.length - 1; i++) {
    const o = (items[i] as Tok);
    if (!isOp(o, '+', '-')) continue;
    const left = items[i - 1];
    if (!isValue(left) || isOp(items[i - 2], '*', '/', '||')) continue;
    let j = i + 1;
        const right: Node[] = [];
    if (isOp(items[j], '-', '+')) right.push(items[j++]);
    if (!isValue(items[j])) continue;
    right.push(items[j++]);
    while (isOp(items[j], '*', '/') && isValue(items[j + 1])) { right.push(items[j], items[j + 1]); j += 2; }
    const rightDate = right.length === 1 && isDate(right[0]);
    if (!isDate(left) && !rightDate) continue;
        let node: Node;
    if (isDate(left) && rightDate) {
      if (o.v !== '-') throw unsupported('Two dates cannot be added: subtract them to get a number of days.');
      node = raw(['sb_date_diff(', left, ', ', right[0], ')']);
    } else if (isDate(left)) node = raw(['sb_date_add(', left, o.v === '-' ? ', -(' : ', (', right, '))'], true);
    else if (o.v === '+') node = raw(['sb_date_add(', right[0], ', (', left, '))'], true);
    else throw unsupported('A number minus a date is not a date: write date - number.');
    items.splice(i - 1, j - i + 1, node);
    i--;
  }
}

/**
 * A string literal or ? compared with a date is read as a date (ISO or the account's date format).
 */
function dateComparisons(items: Node[]): void {
  const literal = (n: Node|undefined) => !!n && (n.t === 'str' || n.t === 'bind');
  const asDate = (n: Node) => raw(['sb_as_date(', n, ')'], true);
  for (let i = 1; i < items.length - 1; i++) {
    const o = items[i];
    if (o.t === 'op' && COMPARISONS.has(o.v)) {
      if (isDate(items[i - 1]) && literal(items[i + 1]) && !isOp(items[i + 2], '+', '-', '*', '/', '||')) items[i + 1] = asDate(items[i + 1]);
      else if (isDate(items[i + 1]) && literal(items[i - 1]) && !isOp(items[i - 2], '+', '-', '*', '/', '||')) items[i - 1] = asDate(items[i - 1]);
    } else if (isKw(o, 'BETWEEN')) {
      const subject = isKw(items[i - 1], 'NOT') ? items[i - 2] : items[i - 1];
      if (!isDate(subject)) continue;
      if (literal(items[i + 1])) items[i + 1] = asDate(items[i + 1]);
      if (isKw(items[i + 2], 'AND') && literal(items[i + 3])) items[i + 3] = asDate(items[i + 3]);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

export interface Translation {
  sql: string;
  /** For each ? in `sql`, in order, the index of the caller's param it takes (a ? can move or repeat). */
  binds: number[];
  bindCount: number;
  identifiers: string;
  columns: Columns | null;
}

/**
 * @param sql SuiteQL
 * @param meta per table: display column, select columns and their target tables, column types
 */
export function translate(sql: string, meta: Meta = {}): Translation {
  if (typeof sql !== 'string' || !sql.trim()) throw unsupported('The query is empty: pass a SELECT statement.');
  const { toks, bindCount } = tokenize(sql);
  while (toks.length && isOp(toks[toks.length - 1], ';')) toks.pop();
  if (!toks.length) throw unsupported('The query is empty: pass a SELECT statement.');
  if (toks.some((t) => isOp(t, ';'))) throw unsupported('SuiteQL runs one statement at a time: remove the ";" and what follows it.');
  const first = toks[0];
  if (!isKw(first, 'SELECT', 'WITH')) {
    throw unsupported(`SuiteQL runs only SELECT statements (or WITH … SELECT); this query starts with ${first.v}.`);
  }
  const ctx = new Context(meta);
  const tree = buildTree(toks);
    let q: { items: Node[], columns: Columns|null };
  try {
    q = processQuery(tree, null, ctx, true);
  } catch (e) {
    if (e instanceof HiddenName) throw unknownIdentifier(e.hiddenName, ctx.identifiers);
    throw e;
  }
  // Any hidden name that no rule above looked at (an alias in an odd place, a USING column …).
  const hidden = toks.find((t) => (t.t === 'id' || t.t === 'qid') && HIDDEN_NAME.test((t.name as string)));
  if (hidden) throw unknownIdentifier((hidden.name as string), ctx.identifiers);
    const binds: number[] = [];
  const text = toSql(q.items, binds);
  return { sql: text, binds, bindCount, identifiers: ctx.identifiers, columns: q.columns };
}

