// @ts-check
'use strict';
/**
 * SuiteQL (Oracle-flavoured SQL) → SQLite SQL.
 *
 * The query is tokenized (string literals, quoted identifiers and comments are tokens of their own, so a
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
 * The sb_* functions are registered by run.js.
 *
 * Dates inside a query are compared as text in one canonical form, the wall-clock time in the account's
 * time zone: 'YYYY-MM-DD' at midnight, 'YYYY-MM-DD HH:MM:SS' otherwise. DATE columns are stored that way
 * already; DATETIME columns (stored as UTC ISO) are wrapped in sb_dt() wherever they are compared or
 * computed with. A select item that is a bare column keeps its raw value, so run.js can format it from
 * the column's declared type.
 */
const { SandboxError } = require('../errors');

const REST_DETAIL_PREFIX = 'Invalid search query. Detailed unprocessed description follows. ';

/**
 * A refused or failed SuiteQL query. `code`/`message` are what a script sees (N/query throws them as a
 * SuiteScriptError); `rest` is what the REST SuiteQL endpoint answers.
 */
class SuiteQLError extends SandboxError {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{ status?: number, errorCode?: string, detail?: string, queryParam?: string }} [rest]
   */
  constructor(code, message, rest = {}) {
    super(code, message);
    // Callers tell it apart by name; `code` carries NetSuite's error code (scripts see it via realm.fromHost).
    this.name = 'SuiteQLError';
    /** @type {{ status: number, errorCode: string, detail: string, queryParam: string }} */
    this.rest = {
      status: rest.status || 400,
      errorCode: rest.errorCode || 'INVALID_PARAMETER',
      detail: rest.detail || message,
      queryParam: rest.queryParam || 'q',
    };
  }
}

// NetSuite's wording (recorded REST responses and script errors): N/query throws SSS_SEARCH_ERROR_OCCURRED
// with "Search error occurred: …"; REST answers 400 INVALID_PARAMETER with the detail prefixed by
// "Invalid search query. Detailed unprocessed description follows.". A hint, when given, says what to fix.
/** @param {string} description @param {string} [hint] */
function searchError(description, hint) {
  const text = `Search error occurred: ${description}${hint ? ` ${hint}` : ''}`;
  return new SuiteQLError('SSS_SEARCH_ERROR_OCCURRED', text, { detail: REST_DETAIL_PREFIX + text });
}

/** @param {string} [hint] */
const unsupported = (hint) => searchError('Invalid or unsupported search.', hint);

/** An unknown (or hidden) table. REST says "Invalid search type: x."; scripts see "Record 'x' was not found." */
/** @param {string} name */
function recordNotFound(name) {
  return new SuiteQLError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: Record '${name}' was not found.`,
    { detail: `${REST_DETAIL_PREFIX}Invalid search type: ${name}.` });
}

/** @param {string} name @param {string} identifiers e.g. "{e=employee}" */
const unknownIdentifier = (name, identifiers) =>
  searchError(`Unknown identifier '${name}'. Available identifiers are: ${identifiers}.`);

/** Tables and names the sandbox keeps to itself. */
const HIDDEN_NAME = /^(sb_|sqlite_|pragma_)/i;

// ---------------------------------------------------------------------------------------------------
// Tokens and groups

/**
 * @typedef {{ t: 'id'|'qid'|'str'|'num'|'bind'|'op', v: string, u?: string, name?: string, i?: number, pos: number }} Tok
 * @typedef {{ t: 'group', items: Node[], pos?: number, date?: boolean }} Group
 * @typedef {{ t: 'raw', parts: Array<string|Node|Node[]>, date?: boolean }} Raw
 * @typedef {Tok|Group|Raw} Node
 */

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const TWO_CHAR_OPS = new Set(['||', '<>', '!=', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';']);

/** @param {string} sql @returns {{ toks: Tok[], bindCount: number }} */
function tokenize(sql) {
  /** @type {Tok[]} */
  const toks = [];
  let i = 0;
  let bindCount = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      if (e < 0) throw unsupported(`The comment starting at character ${i + 1} is not closed with */.`);
      i = e + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= n) {
          throw unsupported(c === "'" ? `The string literal starting at character ${i + 1} is not closed with '.`
            : `The quoted identifier starting at character ${i + 1} is not closed with ".`);
        }
        if (sql[j] === c) {
          if (sql[j + 1] === c) { value += c; j += 2; continue; }
          break;
        }
        value += sql[j++];
      }
      const v = sql.slice(i, j + 1);
      if (c === "'") toks.push({ t: 'str', v, name: value, pos: i });
      else {
        if (!value) throw unsupported(`Empty quoted identifier at character ${i + 1}.`);
        toks.push({ t: 'qid', v, name: value.toLowerCase(), pos: i });
      }
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] || ''))) {
      NUMBER.lastIndex = i;
      const m = /** @type {RegExpExecArray} */ (NUMBER.exec(sql));
      toks.push({ t: 'num', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      WORD.lastIndex = i;
      const m = /** @type {RegExpExecArray} */ (WORD.exec(sql));
      toks.push({ t: 'id', v: m[0], u: m[0].toUpperCase(), name: m[0].toLowerCase(), pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '?') {
      if (/[0-9A-Za-z]/.test(sql[i + 1] || '')) {
        throw unsupported(`Numbered or named parameters (${sql.slice(i, i + 3)}…) are not supported: use ? and pass params in order.`);
      }
      toks.push({ t: 'bind', v: '?', i: bindCount++, pos: i });
      i++;
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) { toks.push({ t: 'op', v: two, pos: i }); i += 2; continue; }
    if (ONE_CHAR_OPS.has(c)) { toks.push({ t: 'op', v: c, pos: i }); i++; continue; }
    if (c === '[') throw unsupported(`Square brackets (character ${i + 1}) are not SuiteQL: quote identifiers with double quotes.`);
    throw unsupported(`Unexpected character '${c}' at position ${i + 1}.`);
  }
  return { toks, bindCount };
}

/** @param {Tok[]} toks @returns {Node[]} */
function buildTree(toks) {
  /** @type {Node[]} */
  const root = [];
  /** @type {Node[][]} */
  const stack = [root];
  for (const t of toks) {
    if (t.t === 'op' && t.v === '(') {
      /** @type {Group} */
      const g = { t: 'group', items: [], pos: t.pos };
      stack[stack.length - 1].push(g);
      stack.push(g.items);
    } else if (t.t === 'op' && t.v === ')') {
      if (stack.length === 1) throw unsupported(`Unbalanced ')' at character ${t.pos + 1}.`);
      stack.pop();
    } else stack[stack.length - 1].push(t);
  }
  if (stack.length > 1) throw unsupported('A parenthesis is not closed.');
  return root;
}

/** @param {Node|undefined} n @param {...string} words @returns {boolean} */
const isKw = (n, ...words) => !!n && n.t === 'id' && words.includes(/** @type {string} */ (n.u));
/** @param {Node|undefined} n @param {...string} ops @returns {boolean} */
const isOp = (n, ...ops) => !!n && n.t === 'op' && ops.includes(n.v);
/** @param {Node[]} items */
const startsQuery = (items) => isKw(items[0], 'SELECT', 'WITH');
/** @param {Array<string|Node|Node[]>} parts @param {boolean} [date] @returns {Raw} */
const raw = (parts, date = false) => ({ t: 'raw', parts, date });
/** @param {Node|undefined} n */
const isDate = (n) => !!n && (n.t === 'raw' || n.t === 'group') && !!n.date;
/** @param {string} v @returns {Tok} */
const kw = (v) => ({ t: 'id', v, u: v, name: v.toLowerCase(), pos: -1 });
/** @param {string} v @returns {Tok} */
const op = (v) => ({ t: 'op', v, pos: -1 });
/** @param {number} v @returns {Tok} */
const num = (v) => ({ t: 'num', v: String(v), pos: -1 });

/** @param {Node|undefined} n */
function describe(n) {
  if (!n) return 'the end of the query';
  if (n.t === 'group') return '(…)';
  if (n.t === 'raw') return 'an expression';
  return n.v;
}

/** Split on top-level commas. @param {Node[]} items @returns {Node[][]} */
function splitTopComma(items) {
  if (!items.length) return [];
  /** @type {Node[][]} */
  const out = [[]];
  for (const n of items) {
    if (isOp(n, ',')) out.push([]);
    else out[out.length - 1].push(n);
  }
  return out;
}

// Words that are never column references or function names.
const KEYWORDS = new Set(`SELECT FROM WHERE GROUP BY HAVING ORDER ASC DESC NULLS FIRST LAST AND OR NOT NULL IS IN LIKE
  ESCAPE BETWEEN EXISTS CASE WHEN THEN ELSE END AS ON USING JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL UNION ALL
  INTERSECT EXCEPT MINUS DISTINCT UNIQUE TOP WITH RECURSIVE OVER PARTITION ROWS ROW RANGE UNBOUNDED PRECEDING FOLLOWING
  CURRENT FETCH NEXT ONLY OFFSET LIMIT TRUE FALSE ANY SOME PRIOR CONNECT START GLOB REGEXP COLLATE FILTER WITHIN
  MATERIALIZED INTERVAL`.split(/\s+/));
const NOW_WORDS = new Set(['SYSDATE', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'SYSTIMESTAMP', 'LOCALTIMESTAMP']);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL']);
const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'LISTAGG', 'GROUP_CONCAT', 'STDDEV', 'VARIANCE', 'MEDIAN']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const DATE_TYPES = new Set(['DATE', 'DATE_EXPR']);
const DATETIME_TYPES = new Set(['DATETIME', 'TIMESTAMP']);

// ---------------------------------------------------------------------------------------------------
// Serialization

/** @param {Node|undefined} n */
const isDot = (n) => isOp(n, '.');

/** @param {Node[]} nodes @param {number[]} binds receives the original index of each ? in output order */
function toSql(nodes, binds) {
  let s = '';
  /** @type {Node|undefined} */
  let prev;
  for (const n of nodes) {
    const piece = nodeSql(n, binds);
    if (s && !isDot(n) && !isDot(prev)) s += ' ';
    s += piece;
    prev = n;
  }
  return s;
}

/** @param {Node} n @param {number[]} binds @returns {string} */
function nodeSql(n, binds) {
  if (n.t === 'group') return `(${toSql(n.items, binds)})`;
  if (n.t === 'raw') {
    return n.parts.map((p) => (typeof p === 'string' ? p : Array.isArray(p) ? toSql(p, binds) : nodeSql(p, binds))).join('');
  }
  if (n.t === 'bind') { binds.push(/** @type {number} */ (n.i)); return '?'; }
  return n.v;
}

// ---------------------------------------------------------------------------------------------------
// Scopes

/**
 * @typedef {Map<string, string|null>} Columns column name (lowercase) → declared type ('DATE', 'DATETIME',
 *   'DATE_EXPR' for a computed date, 'INTEGER' …) or null when unknown
 * @typedef {{ alias: string, table: string|null, columns: Columns|null }} Source
 * @typedef {{ sources: Map<string, Source>, ctes: Map<string, Columns|null>, parent: Scope|null }} Scope
 * @typedef {{ tables?: Record<string, { display?: string, selects?: Record<string, string>, columns?: Record<string, string> }>,
 *   columnsOf?: (table: string) => Columns|null|undefined }} Meta
 */

class Context {
  /** @param {Meta} meta */
  constructor(meta) {
    this.meta = meta || {};
    this.dfCount = 0;
    /** "{e=employee, d=department}" of the outermost query, for "Unknown identifier" errors. */
    this.identifiers = '{}';
  }

  /** @param {string} table @returns {Columns|null} */
  columnsOf(table) {
    if (this.meta.columnsOf) return this.meta.columnsOf(table) || null;
    const cols = this.meta.tables && this.meta.tables[table] && this.meta.tables[table].columns;
    if (!cols) return null;
    return new Map(Object.entries(cols).map(([k, v]) => [k.toLowerCase(), String(v).toUpperCase()]));
  }

  /** @param {string} table */
  tableMeta(table) {
    return (this.meta.tables && this.meta.tables[table]) || null;
  }
}

/** @param {Scope|null} parent @returns {Scope} */
const newScope = (parent) => ({ sources: new Map(), ctes: new Map(), parent });

/** @param {Scope|null} scope @param {string} name @returns {Columns|null|undefined} undefined: no such CTE */
function findCte(scope, name) {
  for (let s = scope; s; s = s.parent) if (s.ctes.has(name)) return s.ctes.get(name);
  return undefined;
}

/**
 * The source and type of a column reference.
 * @param {Scope} scope @param {string|null} qualifier @param {string} col
 * @returns {{ source: Source|null, type: string|null }}
 */
function resolveColumn(scope, qualifier, col) {
  for (let s = /** @type {Scope|null} */ (scope); s; s = s.parent) {
    if (qualifier) {
      const src = s.sources.get(qualifier);
      if (src) return { source: src, type: (src.columns && src.columns.get(col)) || null };
      continue;
    }
    const hits = [...s.sources.values()].filter((src) => src.columns && src.columns.has(col));
    if (hits.length === 1) return { source: hits[0], type: /** @type {Columns} */ (hits[0].columns).get(col) || null };
    if (hits.length > 1) return { source: null, type: null };
  }
  return { source: null, type: null };
}

/** Refuse names of the sandbox's own tables, columns and functions. @param {Node} n */
function checkName(n) {
  if ((n.t === 'id' || n.t === 'qid') && HIDDEN_NAME.test(/** @type {string} */ (n.name))) throw new HiddenName(/** @type {string} */ (n.name));
}

/** Thrown deep in the walk; translate() turns it into "Unknown identifier" with the query's identifiers. */
class HiddenName extends Error {
  /** @param {string} name */
  constructor(name) { super(name); this.hiddenName = name; }
}

const rownumError = () => unsupported('The sandbox supports ROWNUM only as a condition ROWNUM <= n (or < n, = 1) '
  + 'joined with AND at the top of a WHERE clause, in a query without ORDER BY, GROUP BY, DISTINCT or aggregates '
  + '(where SuiteQL applies ROWNUM before sorting). Use FETCH FIRST n ROWS ONLY instead.');

// ---------------------------------------------------------------------------------------------------
// Queries

/**
 * A SELECT (or WITH … SELECT), possibly compound.
 * @param {Node[]} items @param {Scope|null} parent @param {Context} ctx @param {boolean} outermost
 * @returns {{ items: Node[], columns: Columns|null }}
 */
function processQuery(items, parent, ctx, outermost) {
  const scope = newScope(parent);
  /** @type {Node[]} */
  const out = [];
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
      /** @type {string[]|null} */
      let renamed = null;
      const colList = items[i];
      if (colList && colList.t === 'group') {
        renamed = splitTopComma(colList.items).map((c) => (c[0] && (c[0].t === 'id' || c[0].t === 'qid') ? /** @type {string} */ (c[0].name) : ''));
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
      scope.ctes.set(/** @type {string} */ (name.name), null);
      const q = processQuery(body.items, scope, ctx, false);
      let cols = q.columns;
      if (renamed && cols) {
        const types = [...cols.values()];
        cols = new Map(renamed.map((c, k) => [c, types[k] === undefined ? null : types[k]]));
      }
      scope.ctes.set(/** @type {string} */ (name.name), cols);
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
  /** @type {Array<{ ops: Node[], items: Node[] }>} */
  const members = [{ ops: [], items: [] }];
  for (let j = i; j < items.length; j++) {
    const n = items[j];
    if (isKw(n, 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS')) {
      /** @type {Node[]} */
      const ops = [/** @type {Tok} */ (n).u === 'MINUS' ? kw('EXCEPT') : n];
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
  /** @type {Columns|null} */
  let columns = null;
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

/** @param {Node[]} items @param {number} k */
function isOffsetAt(items, k) {
  const n = items[k];
  const v = items[k + 1];
  return isKw(n, 'OFFSET') && !!v && (v.t === 'num' || v.t === 'bind' || v.t === 'group') && isKw(items[k + 2], 'ROW', 'ROWS');
}

/**
 * ORDER BY, OFFSET … ROWS, FETCH FIRST|NEXT … ROWS ONLY.
 * @param {Node[]} items @param {Scope} scope @param {Context} ctx @param {{ compound: boolean }} opts
 * @returns {{ orderBy: Node[], limit: Node[]|null, offset: Node[]|null }}
 */
function processTail(items, scope, ctx, opts) {
  /** @type {Node[]} */
  let orderBy = [];
  /** @type {Node[]|null} */
  let limit = null;
  /** @type {Node[]|null} */
  let offset = null;
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
      /** @type {Node|null} */
      let count = null;
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

/** @param {Node} n @param {Scope} scope @param {Context} ctx @returns {Node} */
function limitValue(n, scope, ctx) {
  if (n.t === 'group') return { t: 'group', items: processExpr(n.items, scope, ctx, {}).items };
  return n;
}

/** @param {Node[]|null} limit @param {Node[]|null} offset @returns {Node[]} */
function limitClause(limit, offset) {
  if (!limit && !offset) return [];
  /** @type {Node[]} */
  const out = [kw('LIMIT'), ...(limit || [op('-'), num(1)])];
  if (offset) out.push(kw('OFFSET'), ...offset);
  return out;
}

/**
 * One SELECT … FROM … WHERE … GROUP BY … HAVING … [ORDER BY … FETCH …].
 * @param {Node[]} items @param {Scope} scope @param {Context} ctx @param {boolean} outermost @param {boolean} inCompound
 * @returns {{ items: Node[], columns: Columns|null }}
 */
function processCore(items, scope, ctx, outermost, inCompound) {
  if (!isKw(items[0], 'SELECT')) throw unsupported(`Expected SELECT, found ${describe(items[0])}.`);
  let i = 1;
  /** @type {Node[]} */
  const head = [kw('SELECT')];
  let distinct = false;
  if (isKw(items[i], 'DISTINCT', 'UNIQUE', 'ALL')) {
    distinct = /** @type {Tok} */ (items[i]).u !== 'ALL';
    head.push(distinct ? kw('DISTINCT') : items[i]);
    i++;
  }
  /** @type {Node|null} */
  let top = null;
  if (isKw(items[i], 'TOP')) {
    top = items[i + 1];
    if (!top || !(top.t === 'num' || top.t === 'bind')) throw unsupported('TOP must be followed by a number or ?.');
    i += 2;
  }

  // Clause boundaries at this level.
  /** @type {Array<{ kw: string, at: number }>} */
  const marks = [];
  for (let j = i; j < items.length; j++) {
    const n = items[j];
    if (n.t !== 'id') continue;
    const u = n.u;
    if (u === 'FROM' || u === 'WHERE' || u === 'HAVING' || u === 'LIMIT' || u === 'WINDOW') marks.push({ kw: /** @type {string} */ (u), at: j });
    else if ((u === 'GROUP' || u === 'ORDER' || u === 'CONNECT') && isKw(items[j + 1], 'BY')) marks.push({ kw: /** @type {string} */ (u), at: j });
    else if (u === 'START' && isKw(items[j + 1], 'WITH')) marks.push({ kw: u, at: j });
    else if (u === 'FETCH' && isKw(items[j + 1], 'FIRST', 'NEXT')) marks.push({ kw: u, at: j });
    else if (u === 'OFFSET' && isOffsetAt(items, j)) marks.push({ kw: u, at: j });
  }
  /** @param {string} name @returns {Node[]|null} the clause's nodes after its keyword(s) */
  const clause = (name) => {
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
  /** @type {Node[]} */
  let fromOut = [];
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
  /** @type {Node[]|null} */
  let rownumLimit = null;
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

  /** @type {Node[]} */
  const out = [...head, ...list.items, ...fromOut];
  if (where && where.length) out.push(kw('WHERE'), ...processExpr(where, scope, ctx, {}).items);
  if (groupBy) out.push(kw('GROUP'), kw('BY'), ...processExpr(groupBy, scope, ctx, {}).items);
  if (having) out.push(kw('HAVING'), ...processExpr(having, scope, ctx, {}).items);
  out.push(...tail.orderBy, ...limitClause(limit, tail.offset));
  return { items: out, columns: list.columns };
}

/**
 * Take `ROWNUM <= n` conjuncts out of a WHERE clause.
 * @param {Node[]} nodes @returns {{ nodes: Node[], limit: Node[]|null }}
 */
function extractRownum(nodes) {
  if (!nodes.some((n) => isKw(n, 'ROWNUM'))) return { nodes, limit: null };
  if (nodes.some((n) => isKw(n, 'OR'))) throw rownumError();
  /** @type {Node[][]} */
  const conj = [[]];
  let between = false;
  for (const n of nodes) {
    if (isKw(n, 'BETWEEN')) between = true;
    if (isKw(n, 'AND') && !between) { conj.push([]); continue; }
    if (isKw(n, 'AND')) between = false;
    conj[conj.length - 1].push(n);
  }
  /** @type {Node[]|null} */
  let limit = null;
  /** @type {Node[]} */
  const kept = [];
  for (const c of conj) {
    if (!c.some((n) => isKw(n, 'ROWNUM'))) {
      if (kept.length) kept.push(kw('AND'));
      kept.push(...c);
      continue;
    }
    if (limit || c.length !== 3) throw rownumError();
    let [a, o, b] = c;
    let cmp = o.t === 'op' ? o.v : '';
    if (isKw(b, 'ROWNUM')) {
      [a, b] = [b, a];
      cmp = /** @type {Record<string,string>} */ ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>', '=': '=' })[cmp] || '';
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
 * @param {Node[]} nodes @param {Scope} scope @param {Context} ctx @returns {{ items: Node[], dual: boolean }}
 */
function processFrom(nodes, scope, ctx) {
  /** @type {Array<Node|{ t: 'span', nodes: Node[] }>} */
  const segs = [];
  /** @type {Node[][]} */
  const spans = [];
  let state = 'table';
  /** @type {{ key: string, source: Source }|null} */
  let current = null;
  let tableCount = 0;
  let dualSeen = false;
  /** @param {string} key @param {Source} source */
  const register = (key, source) => {
    scope.sources.set(key, source);
    current = { key, source };
  };
  for (const n of nodes) {
    if (state === 'on') {
      if (!(isOp(n, ',') || (n.t === 'id' && JOIN_WORDS.has(/** @type {string} */ (n.u))))) {
        spans[spans.length - 1].push(n);
        continue;
      }
    }
    if (isOp(n, ',') || (n.t === 'id' && JOIN_WORDS.has(/** @type {string} */ (n.u)))) {
      segs.push(n);
      state = 'table';
      continue;
    }
    if (state === 'table') {
      if (n.t === 'str') throw recordNotFound(/** @type {string} */ (n.name));
      if (n.t === 'id' || n.t === 'qid') {
        const name = /** @type {string} */ (n.name);
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
      const span = /** @type {Node[]} */ ([]);
      spans.push(span);
      segs.push({ t: 'span', nodes: span });
      state = 'on';
      continue;
    }
    if (n.t === 'str') throw unsupported(`A table alias must be an identifier, not the string ${n.v}.`);
    if ((n.t === 'id' && !KEYWORDS.has(/** @type {string} */ (n.u))) || n.t === 'qid') {
      checkName(n);
      if (current) {
        const c = /** @type {{ key: string, source: Source }} */ (current);
        if (c.key) scope.sources.delete(c.key);
        register(/** @type {string} */ (n.name), { ...c.source, alias: /** @type {string} */ (n.name) });
      }
      segs.push(n);
      continue;
    }
    if (n.t === 'group') { segs.push(n); continue; } // USING (cols)
    segs.push(n);
  }
  /** @type {Node[]} */
  const items = [];
  for (const s of segs) {
    if (s.t === 'span') items.push(...processExpr(/** @type {{ nodes: Node[] }} */ (s).nodes, scope, ctx, {}).items);
    else items.push(/** @type {Node} */ (s));
  }
  return { items, dual: dualSeen && tableCount === 1 };
}

/**
 * The select list: bare column references keep their raw value (run.js formats them from the declared
 * type); in the outermost query, computed dates are tagged for formatting and unnamed expressions are
 * named expr1, expr2 … (NetSuite's names for them: unverified).
 * @param {Node[]} nodes @param {Scope} scope @param {Context} ctx @param {boolean} outermost
 * @returns {{ items: Node[], columns: Columns|null, aggregate: boolean }}
 */
function processSelectList(nodes, scope, ctx, outermost) {
  /** @type {Node[]} */
  const out = [];
  /** @type {Columns|null} */
  let columns = new Map();
  let exprCount = 0;
  let aggregate = false;
  for (const item of splitTopComma(nodes)) {
    if (out.length) out.push(op(','));
    if (!item.length) throw unsupported('Empty column in the SELECT list (two commas in a row?).');
    item.forEach((n, k) => {
      if (n.t === 'id' && AGGREGATES.has(/** @type {string} */ (n.u)) && item[k + 1] && item[k + 1].t === 'group') aggregate = true;
    });
    // * and alias.*
    if (item.length === 1 && isOp(item[0], '*')) {
      columns = mergeStar(columns, [...scope.sources.values()]);
      out.push(item[0]);
      continue;
    }
    if (item.length === 3 && isOp(item[1], '.') && isOp(item[2], '*') && (item[0].t === 'id' || item[0].t === 'qid')) {
      checkName(item[0]);
      const src = scope.sources.get(/** @type {string} */ (item[0].name));
      columns = mergeStar(columns, src ? [src] : []);
      out.push(...item);
      continue;
    }
    /** @type {Tok|null} */
    let alias = null;
    let body = item;
    const last = item[item.length - 1];
    const prev = item[item.length - 2];
    if (item.length >= 2 && ((last.t === 'id' && !KEYWORDS.has(/** @type {string} */ (last.u)) && !NOW_WORDS.has(/** @type {string} */ (last.u))) || last.t === 'qid')) {
      if (isKw(prev, 'AS')) { alias = last; body = item.slice(0, -2); }
      else if (prev.t !== 'op' && !(prev.t === 'id' && KEYWORDS.has(/** @type {string} */ (prev.u)))) { alias = last; body = item.slice(0, -1); }
    } else if (item.length >= 2 && isKw(prev, 'AS') && last.t === 'str') {
      throw unsupported(`Column alias ${last.v}: quote aliases with double quotes, not single quotes.`);
    }
    if (alias) checkName(alias);
    const bare = bareReference(body);
    const r = processExpr(body, scope, ctx, { bare: !!bare });
    /** @type {Node[]} */
    let expr = r.items;
    let name = alias ? /** @type {string} */ (alias.name) : null;
    /** @type {string|null} */
    let type = null;
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

/** @param {Columns|null} columns @param {Source[]} sources @returns {Columns|null} */
function mergeStar(columns, sources) {
  if (!columns) return null;
  for (const s of sources) {
    if (!s.columns) return null;
    for (const [k, v] of s.columns) if (!HIDDEN_NAME.test(k)) columns.set(k, v);
  }
  return columns;
}

/** `col`, `alias.col` (quoted or not). @param {Node[]} body @returns {{ qualifier: string|null, col: string }|null} */
function bareReference(body) {
  const isName = (/** @type {Node} */ n) => (n.t === 'id' && !KEYWORDS.has(/** @type {string} */ (n.u)) && !NOW_WORDS.has(/** @type {string} */ (n.u)) && n.u !== 'ROWNUM') || n.t === 'qid';
  if (body.length === 1 && isName(body[0])) return { qualifier: null, col: /** @type {string} */ (/** @type {Tok} */ (body[0]).name) };
  if (body.length === 3 && isName(body[0]) && isOp(body[1], '.') && isName(body[2])) {
    return { qualifier: /** @type {string} */ (/** @type {Tok} */ (body[0]).name), col: /** @type {string} */ (/** @type {Tok} */ (body[2]).name) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Expressions

/**
 * @param {Node[]} nodes @param {Scope} scope @param {Context} ctx @param {{ bare?: boolean }} opts
 * @returns {{ items: Node[], date: boolean }}
 */
function processExpr(nodes, scope, ctx, opts) {
  /** @type {Node[]} */
  const out = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const next = nodes[i + 1];
    if (n.t === 'id' || n.t === 'qid') {
      const u = n.t === 'id' ? /** @type {string} */ (n.u) : '';
      if ((u === 'BUILTIN' || u === 'BUILTIN_RESULT') && isOp(next, '.') && nodes[i + 2] && nodes[i + 2].t === 'id' && nodes[i + 3] && nodes[i + 3].t === 'group') {
        out.push(builtin(`${u}.${/** @type {Tok} */ (nodes[i + 2]).u}`, /** @type {Group} */ (nodes[i + 3]), scope, ctx));
        i += 3;
        continue;
      }
      if (u === 'LISTAGG' && next && next.t === 'group') {
        const within = isKw(nodes[i + 2], 'WITHIN') && isKw(nodes[i + 3], 'GROUP') && nodes[i + 4]?.t === 'group' ? /** @type {Group} */ (nodes[i + 4]) : null;
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
 * select item. @param {Tok|null} qualifier @param {Tok} col @param {Scope} scope @param {{ bare?: boolean }} opts
 * @returns {Raw}
 */
function columnRef(qualifier, col, scope, opts) {
  if (qualifier) checkName(qualifier);
  checkName(col);
  /** @type {Node[]} */
  const ref = qualifier ? [qualifier, op('.'), col] : [col];
  const { type } = resolveColumn(scope, qualifier ? /** @type {string} */ (qualifier.name) : null, /** @type {string} */ (col.name));
  if (type && DATETIME_TYPES.has(type)) return opts.bare ? raw([ref], true) : raw(['sb_dt(', ref, ')'], true);
  return raw([ref], !!type && DATE_TYPES.has(type));
}

/** INTERVAL 'n' DAY|HOUR|MINUTE|SECOND → a number of days. @param {Node|undefined} value @param {Node|undefined} unit */
function interval(value, unit) {
  const perDay = /** @type {Record<string, number>} */ ({ DAY: 1, HOUR: 24, MINUTE: 1440, SECOND: 86400 });
  if (!value || value.t !== 'str' || !isKw(unit, 'DAY', 'HOUR', 'MINUTE', 'SECOND') || !Number.isFinite(Number(value.name))) {
    throw unsupported("The sandbox supports INTERVAL 'n' DAY|HOUR|MINUTE|SECOND; for months use ADD_MONTHS.");
  }
  return raw([`(${Number(value.name) / perDay[/** @type {string} */ (/** @type {Tok} */ (unit).u)]})`]);
}

/**
 * BUILTIN.DF(alias.col): the display value of a select field.
 * @param {string} name @param {Group} group @param {Scope} scope @param {Context} ctx @returns {Node}
 */
function builtin(name, group, scope, ctx) {
  if (name === 'BUILTIN.RELATIVE_RANGES') return relativeRange(group);
  if (name !== 'BUILTIN.DF') throw unsupported(`${name} is not supported by the sandbox (it supports BUILTIN.DF and BUILTIN.RELATIVE_RANGES).`);
  const args = splitTopComma(group.items);
  if (args.length !== 1) throw unsupported(`BUILTIN.DF takes one field, got ${args.length}.`);
  const arg = processExpr(args[0], scope, ctx, {});
  const ref = bareReference(args[0]);
  if (!ref) return raw(['CAST(', arg.items, ' AS TEXT)']);
  const { source } = resolveColumn(scope, ref.qualifier, ref.col);
  const meta = source && source.table ? ctx.tableMeta(source.table) : null;
  const target = meta && meta.selects && meta.selects[ref.col];
  const targetMeta = target ? ctx.tableMeta(target) : null;
  if (!target || !targetMeta || !targetMeta.display) return raw(['CAST(', arg.items, ' AS TEXT)']);
  const alias = `sb_df${++ctx.dfCount}`;
  const display = /^[a-z_][a-z0-9_]*$/i.test(targetMeta.display) ? `${alias}.${targetMeta.display}` : targetMeta.display;
  return raw([`(SELECT ${display} FROM ${target} ${alias} WHERE ${alias}.id = `, arg.items, ')']);
}

/** Relative date ranges the sandbox computes (query.RelativeDateRange ids); others are refused by name. */
const RELATIVE_RANGES = new Set(['TODAY', 'YESTERDAY', 'TOMORROW']);

/**
 * BUILTIN.RELATIVE_RANGES('TODAY', 'START' | 'END' [, 'DATE' | 'DATETIME_AS_DATE']) (article_1029114825): the
 * first or last moment of the range on the account clock, in the account's time zone (the zone is
 * unverified: NetSuite's flags such as DATE_TO_USER_TZ suggest the default is the account's).
 * @param {Group} group @returns {Node}
 */
function relativeRange(group) {
  const args = splitTopComma(group.items);
  const text = (/** @type {Node[] | undefined} */ a) => (a && a.length === 1 && a[0].t === 'str' ? String(/** @type {Tok} */ (a[0]).name).toUpperCase() : null);
  const [id, which, flag] = [text(args[0]), text(args[1]), args[2] ? text(args[2]) : 'DATE'];
  if (args.length < 2 || args.length > 3 || !id || !which) {
    throw unsupported("BUILTIN.RELATIVE_RANGES takes a range id and 'START' or 'END' as string literals, e.g. BUILTIN.RELATIVE_RANGES('TODAY', 'START').");
  }
  if (!RELATIVE_RANGES.has(id)) throw unsupported(`BUILTIN.RELATIVE_RANGES: the sandbox computes the ranges ${[...RELATIVE_RANGES].join(', ')}, not '${id}'.`);
  if (which !== 'START' && which !== 'END') throw unsupported(`BUILTIN.RELATIVE_RANGES: the range type is 'START' or 'END', not '${which}'.`);
  if (flag !== 'DATE' && flag !== 'DATETIME_AS_DATE') throw unsupported(`BUILTIN.RELATIVE_RANGES: the sandbox supports the date flags 'DATE' and 'DATETIME_AS_DATE', not '${flag}'.`);
  return raw([`sb_relative_range('${id}', '${which}')`], true);
}

/**
 * LISTAGG(expr [, delimiter]) [WITHIN GROUP (ORDER BY …)] → SQLite group_concat(expr, delimiter ORDER BY …).
 * Oracle's delimiter defaults to none (group_concat's to a comma).
 * @param {Group} group @param {Group | null} within @param {Scope} scope @param {Context} ctx @returns {Node}
 */
function listagg(group, within, scope, ctx) {
  const args = splitTopComma(group.items).map((a) => processExpr(a, scope, ctx, {}));
  if (args.length < 1 || args.length > 2) throw unsupported(`LISTAGG takes an expression and an optional delimiter, got ${args.length} arguments.`);
  /** @type {Array<string|Node[]>} */
  const parts = ['group_concat(', args[0].items, ', ', args[1] ? args[1].items : "''"];
  if (within) {
    const [orderKw, byKw, ...rest] = within.items;
    if (!isKw(orderKw, 'ORDER') || !isKw(byKw, 'BY') || !rest.length) throw unsupported('LISTAGG … WITHIN GROUP takes (ORDER BY expression [ASC|DESC], …).');
    parts.push(' ORDER BY ', processExpr(rest, scope, ctx, {}).items);
  }
  parts.push(')');
  return raw(parts);
}

/**
 * A function call, mapped to SQLite or to an sb_* function with Oracle semantics.
 * @param {Tok} nameTok @param {Group} group @param {Scope} scope @param {Context} ctx @returns {Node}
 */
function callFunction(nameTok, group, scope, ctx) {
  checkName(nameTok);
  const u = /** @type {string} */ (nameTok.u);
  if (u === 'EXTRACT') {
    const [unit, fromKw, ...rest] = group.items;
    if (!isKw(unit, 'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND') || !isKw(fromKw, 'FROM') || !rest.length) {
      throw unsupported('EXTRACT takes YEAR|MONTH|DAY|HOUR|MINUTE|SECOND FROM a date.');
    }
    return raw([`sb_extract('${/** @type {Tok} */ (unit).u}', `, processExpr(rest, scope, ctx, {}).items, ')']);
  }
  if (u === 'CAST') return raw([nameTok.v, '(', processExpr(group.items, scope, ctx, {}).items, ')']);
  const args = splitTopComma(group.items).map((a) => processExpr(a, scope, ctx, {}));
  /** @param {number} min @param {number} [max] */
  const arity = (min, max = min) => {
    if (args.length < min || args.length > max) {
      throw unsupported(`${u} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}.`);
    }
  };
  /** @param {number} k */
  const a = (k) => args[k].items;
  /** @param {number} k @returns {Array<string|Node[]>} */
  const opt = (k) => (args[k] ? [a(k)] : ['NULL']);
  /** @param {string} fn @returns {Array<string|Node[]>} */
  const call = (fn) => {
    /** @type {Array<string|Node[]>} */
    const parts = [`${fn}(`];
    args.forEach((x, k) => { if (k) parts.push(', '); parts.push(x.items); });
    parts.push(')');
    return parts;
  };
  const anyDate = args.some((x) => x.date);
  switch (u) {
    case 'NVL': arity(2); return raw(call('COALESCE'), anyDate);
    case 'COALESCE': return raw(call('COALESCE'), anyDate);
    case 'NVL2': arity(3); return raw(['(CASE WHEN ', a(0), ' IS NOT NULL THEN ', a(1), ' ELSE ', a(2), ' END)'], args[1].date || args[2].date);
    case 'DECODE': {
      if (args.length < 3) throw unsupported(`DECODE takes an expression and at least one search/result pair, got ${args.length} arguments.`);
      /** @type {Array<string|Node[]>} */
      const parts = ['(CASE'];
      let k = 1;
      for (; k + 1 < args.length; k += 2) parts.push(' WHEN ', a(0), ' IS ', a(k), ' THEN ', a(k + 1));
      if (k < args.length) parts.push(' ELSE ', a(k));
      parts.push(' END)');
      return raw(parts);
    }
    case 'GREATEST': return raw(call('MAX'), anyDate);
    case 'LEAST': return raw(call('MIN'), anyDate);
    case 'MIN': case 'MAX': return raw(call(u), anyDate);
    case 'TO_DATE': case 'TO_TIMESTAMP': arity(1, 3); return raw(['sb_to_date(', a(0), ', ', ...opt(1), ')'], true);
    case 'TO_CHAR': arity(1, 3); return raw(['sb_to_char(', a(0), ', ', ...opt(1), `, ${args[0].date ? 1 : 0})`]);
    case 'TRUNC': {
      arity(1, 2);
      const fmt = group.items.length && args[1] && args[1].items.length === 1 && args[1].items[0].t === 'str';
      return raw(['sb_trunc(', a(0), ', ', ...opt(1), ')'], args[0].date || !!fmt);
    }
    case 'ADD_MONTHS': arity(2); return raw(call('sb_add_months'), true);
    case 'LAST_DAY': arity(1); return raw(call('sb_last_day'), true);
    case 'MONTHS_BETWEEN': arity(2); return raw(call('sb_months_between'));
    case 'SUBSTR': case 'SUBSTRING': arity(2, 3); return raw(call('sb_substr'));
    case 'INSTR': arity(2, 4); return raw(call('sb_instr'));
    case 'LPAD': arity(2, 3); return raw(call('sb_lpad'));
    case 'RPAD': arity(2, 3); return raw(call('sb_rpad'));
    case 'INITCAP': arity(1); return raw(call('sb_initcap'));
    case 'TO_NUMBER': arity(1, 3); return raw(['sb_to_number(', a(0), ')']);
    case 'REGEXP_LIKE': arity(2, 3); return raw(call('sb_regexp_like'));
    case 'CONCAT': arity(2); return raw(call('CONCAT'));
    default: return raw(call(nameTok.v), false);
  }
}

/**
 * date ± days → sb_date_add; date - date → sb_date_diff (days), as Oracle computes them.
 * @param {Node[]} items
 */
function dateArithmetic(items) {
  const isValue = (/** @type {Node|undefined} */ n) => !!n && (n.t === 'raw' || n.t === 'group' || n.t === 'str' || n.t === 'num' || n.t === 'bind');
  for (let i = 1; i < items.length - 1; i++) {
    const o = /** @type {Tok} */ (items[i]);
    if (!isOp(o, '+', '-')) continue;
    const left = items[i - 1];
    if (!isValue(left) || isOp(items[i - 2], '*', '/', '||')) continue;
    let j = i + 1;
    /** @type {Node[]} */
    const right = [];
    if (isOp(items[j], '-', '+')) right.push(items[j++]);
    if (!isValue(items[j])) continue;
    right.push(items[j++]);
    while (isOp(items[j], '*', '/') && isValue(items[j + 1])) { right.push(items[j], items[j + 1]); j += 2; }
    const rightDate = right.length === 1 && isDate(right[0]);
    if (!isDate(left) && !rightDate) continue;
    /** @type {Node} */
    let node;
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
 * @param {Node[]} items
 */
function dateComparisons(items) {
  const literal = (/** @type {Node|undefined} */ n) => !!n && (n.t === 'str' || n.t === 'bind');
  const asDate = (/** @type {Node} */ n) => raw(['sb_as_date(', n, ')'], true);
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

/**
 * @typedef {{ sql: string, binds: number[], bindCount: number, identifiers: string, columns: Columns|null }} Translation
 *   binds: for each ? in `sql`, in order, the index of the caller's param it takes (a ? can move or repeat)
 */

/**
 * @param {string} sql SuiteQL
 * @param {Meta} [meta] per table: display column, select columns and their target tables, column types
 * @returns {Translation}
 */
function translate(sql, meta = {}) {
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
  /** @type {{ items: Node[], columns: Columns|null }} */
  let q;
  try {
    q = processQuery(tree, null, ctx, true);
  } catch (e) {
    if (e instanceof HiddenName) throw unknownIdentifier(e.hiddenName, ctx.identifiers);
    throw e;
  }
  // Any hidden name that no rule above looked at (an alias in an odd place, a USING column …).
  const hidden = toks.find((t) => (t.t === 'id' || t.t === 'qid') && HIDDEN_NAME.test(/** @type {string} */ (t.name)));
  if (hidden) throw unknownIdentifier(/** @type {string} */ (hidden.name), ctx.identifiers);
  /** @type {number[]} */
  const binds = [];
  const text = toSql(q.items, binds);
  return { sql: text, binds, bindCount, identifiers: ctx.identifiers, columns: q.columns };
}

module.exports = { translate, SuiteQLError, searchError, unsupported, recordNotFound, unknownIdentifier, HIDDEN_NAME, REST_DETAIL_PREFIX };
