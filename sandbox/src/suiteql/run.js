// @ts-check
'use strict';
/**
 * Runs SuiteQL on the account's SQLite database: positional binds, NetSuite's row limits and paging, and
 * results formatted as NetSuite returns them (lowercase column names, dates in the account's date format,
 * checkboxes 'T'/'F'). Registers the sb_* functions translate.js writes (Oracle date and string semantics,
 * the account clock) on the connection.
 */
const { translate, SuiteQLError, searchError, unsupported, recordNotFound, unknownIdentifier, HIDDEN_NAME } = require('./translate');

/** NetSuite's limits (facts sheet; Oracle help for runSuiteQL, runSuiteQLPaged, REST SuiteQL). */
const LIMITS = {
  runSuiteQL: 5000,
  pageSizeMin: 5,
  pageSizeMax: 1000,
  maxPages: 1000,
  maxResults: 100000,
  restLimitMax: 1000,
  restLimitDefault: 1000,
};

// Unverified NetSuite behaviour, each decided in one place:
/** DATETIME columns come back as the date only, in the account's date format (recollection of
 *  SuiteQL: scripts use TO_CHAR to get the time); set true for 'M/D/YYYY h:mm am'. */
const DATETIME_RESULT_SHOWS_TIME = false;
/** REST items carry every value as a string ("id": "107") and leave out null columns (public clients'
 *  notes and fixtures agree; no Oracle page says so). Script results keep numbers as numbers. */
const REST_VALUES_AS_STRINGS = true;
/** Error names for paging mistakes: INVALID_PAGE_RANGE is in N/error's list; the page size one is a guess. */
const PAGE_SIZE_ERROR = 'INVALID_PAGE_SIZE';
const PAGE_INDEX_ERROR = 'INVALID_PAGE_RANGE';

/** Prefix sb_out_date() puts on computed dates so the result formatter knows them. */
const DATE_TAG = '\u0001D';
const DAY_MS = 86400000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---------------------------------------------------------------------------------------------------
// Wall-clock time: a date/time in the account's zone, held as milliseconds of a UTC Date with the same
// fields. Canonical text form (what queries compare): 'YYYY-MM-DD' at midnight, else 'YYYY-MM-DD HH:MM:SS'.

/** @param {number} n @param {number} [w] */
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** @param {number} wall */
function canonical(wall) {
  const d = new Date(wall);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!d.getUTCHours() && !d.getUTCMinutes() && !d.getUTCSeconds()) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** @param {number} y @param {number} m 1-based */
const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** @param {number} y @param {number} m @param {number} d @param {number} [h] @param {number} [mi] @param {number} [s] */
function wallOf(y, m, d, h = 0, mi = 0, s = 0) {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, m - 1, d, h, mi, s);
}

/** @param {string} timeZone */
function zoneClock(timeZone) {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  /** UTC instant → wall time in the zone. @param {number} ms */
  return (ms) => {
    /** @type {Record<string, number>} */
    const p = {};
    for (const { type, value } of fmt.formatToParts(new Date(ms))) p[type] = Number(value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  };
}

/**
 * Reads dates written the ways queries and data write them. Returns wall time or null.
 * @param {unknown} v @param {(ms: number) => number} toWall @param {string} dateFormat
 * @param {boolean} zonelessIsUtc stored DATETIMEs are UTC even without a Z; literals are wall time
 */
function readDate(v, toWall, dateFormat, zonelessIsUtc) {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    if (m[7] || (zonelessIsUtc && m[4] !== undefined)) {
      const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] || '00'}:${m[5] || '00'}:${m[6] || '00'}${m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z'}`);
      return Number.isNaN(ms) ? null : toWall(ms);
    }
    return wallOf(+m[1], +m[2], +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
  }
  // The account's format: M/D/YYYY, D/M/YYYY, D.M.YYYY, YYYY/M/D …, optionally with "h:mm[:ss] [am|pm]".
  m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i.exec(s);
  if (m) {
    const order = dateFormat.toUpperCase().replace(/[^YMD]/g, '').replace(/(.)\1+/g, '$1');
    const [a, b, c] = [+m[1], +m[2], +m[3]];
    let y, mo, d;
    if (m[1].length === 4 || order.startsWith('Y')) [y, mo, d] = [a, b, c];
    else if (order.startsWith('D')) [d, mo, y] = [a, b, c];
    else [mo, d, y] = [a, b, c];
    let h = +(m[4] || 0);
    if (m[7]) h = (h % 12) + (/^p/i.test(m[7]) ? 12 : 0);
    return wallOf(y, mo, d, h, +(m[5] || 0), +(m[6] || 0));
  }
  // Oracle's default 'DD-MON-YYYY' / 'DD-MON-RR'.
  m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS.findIndex((x) => x.slice(0, 3).toLowerCase() === m[2].toLowerCase()) + 1;
    const y = m[3].length === 2 ? (Number(m[3]) < 50 ? 2000 : 1900) + Number(m[3]) : Number(m[3]);
    return mo ? wallOf(y, mo, +m[1]) : null;
  }
  return null;
}

/** The account's date format (M/D/YYYY, DD/MM/YYYY, YYYY-MM-DD, DD-Mon-YYYY, DD MONTH, YYYY …). @param {number} wall @param {string} fmt */
function formatAccountDate(wall, fmt) {
  const d = new Date(wall);
  const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate();
  return fmt.replace(/YYYY|YY|MONTH|Month|MON|Mon|MM|M|DD|D/g, (t) => {
    switch (t) {
      case 'YYYY': return String(y);
      case 'YY': return pad(y % 100);
      case 'MONTH': return MONTHS[mo].toUpperCase();
      case 'Month': return MONTHS[mo];
      case 'MON': return MONTHS[mo].slice(0, 3).toUpperCase();
      case 'Mon': return MONTHS[mo].slice(0, 3);
      case 'MM': return pad(mo + 1);
      case 'M': return String(mo + 1);
      case 'DD': return pad(day);
      default: return String(day);
    }
  });
}

/** 'h:mm am', as NetSuite's default time format. @param {number} wall */
function formatTime(wall) {
  const d = new Date(wall);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())} ${h < 12 ? 'am' : 'pm'}`;
}

// ---------------------------------------------------------------------------------------------------
// Oracle format models (TO_CHAR, TO_DATE)

const FORMAT_TOKEN = /"[^"]*"|FM|FX|SSSSS|YYYY|RRRR|YYY|YY|RR|Y|MONTH|MON|MM|DDD|DD|DAY|DY|D|HH24|HH12|HH|MI|SS|FF[1-9]?|A\.M\.|P\.M\.|AM|PM|Q|WW|IW|W|J|TH|SP|[^A-Za-z"]+|[A-Za-z]/gi;

/** @param {string} fmt */
const formatTokens = (fmt) => fmt.match(FORMAT_TOKEN) || [];

/** UPPER, Capitalized or lower, following the format element. @param {string} tok @param {string} text */
function caseLike(tok, text) {
  if (tok === tok.toUpperCase()) return text.toUpperCase();
  if (tok[0] === tok[0].toUpperCase()) return text[0].toUpperCase() + text.slice(1).toLowerCase();
  return text.toLowerCase();
}

/** @param {number} wall @param {string} fmt */
function oracleFormatDate(wall, fmt) {
  const d = new Date(wall);
  const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate(), h = d.getUTCHours(), mi = d.getUTCMinutes(), s = d.getUTCSeconds();
  const dow = d.getUTCDay();
  const doy = Math.floor((wall - Date.UTC(y, 0, 1)) / DAY_MS) + 1;
  let fill = true;
  let out = '';
  /** @param {number} n @param {number} w */
  const numf = (n, w) => (fill ? pad(n, w) : String(n));
  for (const tok of formatTokens(fmt)) {
    const u = tok.toUpperCase();
    switch (u) {
      case 'FM': fill = !fill; break;
      case 'FX': case 'TH': case 'SP': break;
      case 'YYYY': case 'RRRR': out += pad(y, 4); break;
      case 'YYY': out += pad(y % 1000, 3); break;
      case 'YY': case 'RR': out += pad(y % 100); break;
      case 'Y': out += String(y % 10); break;
      case 'MONTH': out += caseLike(tok, fill ? MONTHS[mo].padEnd(9) : MONTHS[mo]); break;
      case 'MON': out += caseLike(tok, MONTHS[mo].slice(0, 3)); break;
      case 'MM': out += numf(mo + 1, 2); break;
      case 'DDD': out += numf(doy, 3); break;
      case 'DD': out += numf(day, 2); break;
      case 'DAY': out += caseLike(tok, fill ? DAYS[dow].padEnd(9) : DAYS[dow]); break;
      case 'DY': out += caseLike(tok, DAYS[dow].slice(0, 3)); break;
      case 'D': out += String(dow + 1); break;
      case 'HH': case 'HH12': out += numf(h % 12 === 0 ? 12 : h % 12, 2); break;
      case 'HH24': out += numf(h, 2); break;
      case 'MI': out += numf(mi, 2); break;
      case 'SS': out += numf(s, 2); break;
      case 'SSSSS': out += numf(h * 3600 + mi * 60 + s, 5); break;
      case 'AM': case 'PM': out += caseLike(tok, h < 12 ? 'AM' : 'PM'); break;
      case 'A.M.': case 'P.M.': out += caseLike(tok, h < 12 ? 'A.M.' : 'P.M.'); break;
      case 'Q': out += String(Math.floor(mo / 3) + 1); break;
      case 'WW': out += numf(Math.floor((doy - 1) / 7) + 1, 2); break;
      case 'W': out += String(Math.floor((day - 1) / 7) + 1); break;
      case 'IW': {
        const t = new Date(Date.UTC(y, mo, day));
        t.setUTCDate(t.getUTCDate() + 3 - ((t.getUTCDay() + 6) % 7));
        const week1 = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
        out += numf(1 + Math.round(((t.getTime() - week1.getTime()) / DAY_MS - 3 + ((week1.getUTCDay() + 6) % 7)) / 7), 2);
        break;
      }
      case 'J': out += String(Math.floor(wall / DAY_MS) + 2440588); break;
      default:
        if (u.startsWith('FF')) out += '0'.repeat(Number(u.slice(2)) || 6);
        else if (tok.startsWith('"')) out += tok.slice(1, -1);
        else out += tok;
    }
  }
  return out;
}

/**
 * TO_DATE(text, fmt) the lenient way Oracle reads it: numbers may be shorter than their element,
 * any punctuation matches any punctuation; missing year/month default to the current ones, day to 1.
 * @param {string} text @param {string} fmt @param {number} nowWall
 */
function oracleParseDate(text, fmt, nowWall) {
  const now = new Date(nowWall);
  let y = now.getUTCFullYear(), mo = now.getUTCMonth() + 1, d = 1, h = 0, mi = 0, s = 0;
  let pm = null;
  let pos = 0;
  const fail = () => searchError(`The date '${text}' does not match the format '${fmt}'.`);
  /** @param {number} max */
  const digits = (max) => {
    const m = new RegExp(`^\\d{1,${max}}`).exec(text.slice(pos));
    if (!m) throw fail();
    pos += m[0].length;
    return { value: Number(m[0]), length: m[0].length };
  };
  /** @param {string[]} names */
  const name = (names) => {
    const rest = text.slice(pos).toLowerCase();
    for (const n of names) {
      for (const cand of [n.toLowerCase(), n.slice(0, 3).toLowerCase()]) {
        if (rest.startsWith(cand)) { pos += cand.length; return names.indexOf(n); }
      }
    }
    throw fail();
  };
  for (const tok of formatTokens(fmt)) {
    const u = tok.toUpperCase();
    switch (u) {
      case 'FM': case 'FX': case 'TH': case 'SP': break;
      case 'YYYY': case 'RRRR': case 'YYY': y = digits(4).value; break;
      case 'YY': case 'RR': {
        const r = digits(2);
        y = r.length > 2 ? r.value : u === 'RR' ? (r.value < 50 ? 2000 : 1900) + r.value : Math.floor(y / 100) * 100 + r.value;
        break;
      }
      case 'MM': mo = digits(2).value; break;
      case 'MON': case 'MONTH': mo = name(MONTHS) + 1; break;
      case 'DD': d = digits(2).value; break;
      case 'DY': case 'DAY': name(DAYS); break;
      case 'HH': case 'HH12': h = digits(2).value; if (pm === null) pm = false; break;
      case 'HH24': h = digits(2).value; break;
      case 'MI': mi = digits(2).value; break;
      case 'SS': s = digits(2).value; break;
      case 'AM': case 'PM': case 'A.M.': case 'P.M.': {
        const m = /^([ap])\.?m\.?/i.exec(text.slice(pos));
        if (!m) throw fail();
        pm = m[1].toLowerCase() === 'p';
        pos += m[0].length;
        break;
      }
      default:
        if (u.startsWith('FF')) { const m = /^\d*/.exec(text.slice(pos)); pos += m ? m[0].length : 0; }
        else if (tok.startsWith('"')) {
          const lit = tok.slice(1, -1);
          if (text.slice(pos, pos + lit.length).toLowerCase() !== lit.toLowerCase()) throw fail();
          pos += lit.length;
        } else if (/^[^A-Za-z0-9]+$/.test(tok)) {
          while (pos < text.length && /[^A-Za-z0-9]/.test(text[pos])) pos++;
        } else throw searchError(`TO_DATE format element '${tok}' is not supported by the sandbox.`);
    }
  }
  if (text.slice(pos).trim()) throw fail();
  if (pm !== null) {
    if (h < 1 || h > 12) throw fail();
    h = (h % 12) + (pm ? 12 : 0);
  }
  const wall = wallOf(y, mo, d, h, mi, s);
  if (wall === null) throw fail();
  return wall;
}

/** TO_CHAR of a number with a 9/0 format model: '999.99', '0000', 'FM9990.00'. @param {number} n @param {string} fmt */
function oracleFormatNumber(n, fmt) {
  const fm = /^FM/i.test(fmt);
  const model = fmt.replace(/^FM/i, '');
  if (!/^[90,.]+$/.test(model)) return String(n);
  const [intPart, decPart = ''] = model.split('.');
  const decimals = decPart.length;
  const fixed = Math.abs(n).toFixed(decimals);
  let [i, f] = fixed.split('.');
  const minInt = (intPart.replace(/,/g, '').match(/0.*$/) || [''])[0].length;
  if (i === '0' && minInt === 0 && decimals) i = '';
  i = i.padStart(minInt, '0');
  if (i.replace(/^0+/, '').length > intPart.replace(/,/g, '').length) return '#'.repeat(model.length + 1);
  const text = `${n < 0 ? '-' : fm ? '' : ' '}${i}${decimals ? `.${f}` : ''}`;
  return text;
}

// ---------------------------------------------------------------------------------------------------

/**
 * @typedef {{ tables?: Record<string, { display?: string, selects?: Record<string, string> }> }} SuiteQLMeta
 * @typedef {{ meta?: SuiteQLMeta, now?: () => Date, timeZone?: string, dateFormat?: string }} SuiteQLOptions
 * @typedef {{ query: string, params?: unknown[], access?: (tables: string[]) => void }} QueryInput
 *   access: called with the tables the query reads before it runs (a script's role may not read them all)
 * @typedef {{ i: number, name: string, kind: 'date'|'datetime'|'value' }} OutColumn
 */

/**
 * @param {import('better-sqlite3').Database} db
 * @param {SuiteQLOptions} [options]
 */
function createSuiteQL(db, options = {}) {
  const meta = options.meta || {};
  const now = options.now || (() => new Date());
  const timeZone = options.timeZone || 'America/Los_Angeles';
  const dateFormat = options.dateFormat || 'M/D/YYYY';
  /** @type {(ms: number) => number} */
  let toWall;
  try {
    toWall = zoneClock(timeZone);
  } catch {
    throw new Error(`createSuiteQL: timeZone '${timeZone}' is not an IANA time zone name (e.g. 'America/Los_Angeles').`);
  }
  /** The clock as the running statement read it: constant within a statement, as Oracle's SYSDATE is. */
  let statementWall = 0;
  const nowWall = () => statementWall || toWall(now().getTime());
  /** @param {unknown} v */
  const wallOfLiteral = (v) => readDate(v, toWall, dateFormat, false);
  /** @param {unknown} v @param {string} fn */
  const needDate = (v, fn) => {
    const w = wallOfLiteral(v);
    if (w === null) throw searchError(`${fn}: '${String(v)}' is not a date.`);
    return w;
  };
  /** @param {unknown} v @param {string} fn */
  const needNumber = (v, fn) => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (v === '' || !Number.isFinite(n)) throw searchError(`${fn}: '${String(v)}' is not a number.`);
    return n;
  };

  registerFunctions();

  // Column types of NetSuite tables, for translate(): which columns are DATE/DATETIME.
  /** @type {Map<string, Map<string, string|null>>} */
  const columnCache = new Map();
  const tableInfo = db.prepare('SELECT name, type FROM pragma_table_info(?)');
  /** @param {string} table */
  const columnsOf = (table) => {
    let cols = columnCache.get(table);
    if (!cols) {
      const rows = /** @type {Array<{ name: string, type: string }>} */ (tableInfo.all(table));
      if (!rows.length) return null; // not cached: the table may be created later (custom records)
      cols = new Map(rows.filter((r) => !HIDDEN_NAME.test(r.name)).map((r) => [r.name.toLowerCase(), r.type ? r.type.toUpperCase() : null]));
      columnCache.set(table, cols);
    }
    return cols;
  };
  const translateMeta = { tables: meta.tables || {}, columnsOf };

  // Root pages of the sandbox's own tables: a query that opens one is refused whatever its spelling.
  /** @type {Map<number, string>} */
  let rootPages = new Map();
  const loadRootPages = () => {
    rootPages = new Map(/** @type {Array<{ rootpage: number, tbl_name: string }>} */ (
      db.prepare("SELECT rootpage, tbl_name FROM sqlite_schema WHERE rootpage > 0").all()).map((r) => [r.rootpage, r.tbl_name]));
    rootPages.set(1, 'sqlite_schema');
  };

  /**
   * @typedef {{ t: import('./translate').Translation, stmt: import('better-sqlite3').Statement, columns: OutColumn[], tables: string[],
   *   count?: import('better-sqlite3').Statement, page?: import('better-sqlite3').Statement }} Prepared
   */
  /** @type {Map<string, Prepared>} */
  const cache = new Map();

  /** @param {string} query @returns {Prepared} */
  function prepare(query) {
    if (typeof query !== 'string' || !query.trim()) throw unsupported('The query is empty: pass a SELECT statement as a string.');
    const hit = cache.get(query);
    if (hit) {
      cache.delete(query);
      cache.set(query, hit);
      return hit;
    }
    const t = translate(query, translateMeta);
    /** @type {import('better-sqlite3').Statement} */
    let stmt;
    try {
      stmt = db.prepare(t.sql);
    } catch (e) {
      throw sqliteError(e, t, query);
    }
    if (!stmt.reader || !stmt.readonly) throw unsupported('SuiteQL runs SELECT statements only.');
    const tables = guard(t);
    const columns = stmt.columns().map((c, i) => ({ i, name: c.name.toLowerCase(), kind: kindOf(c.type) }))
      .filter((c) => !HIDDEN_NAME.test(c.name));
    const entry = { t, stmt: stmt.raw(true), columns, tables: [...tables] };
    cache.set(query, entry);
    if (cache.size > 200) cache.delete(/** @type {string} */ (cache.keys().next().value));
    return entry;
  }

  /**
   * Refuse a query whose plan opens a sandbox table, SQLite's schema, another database or a virtual table.
   * @param {import('./translate').Translation} t @returns {Set<string>} the tables the query reads
   */
  function guard(t) {
    /** @type {Set<string>} */
    const tables = new Set();
    const plan = /** @type {Array<{ opcode: string, p2: number, p3: number }>} */ (
      db.prepare(`EXPLAIN ${t.sql}`).all(t.binds.map(() => null)));
    for (const step of plan) {
      if (step.opcode === 'VOpen') throw unsupported('Table-valued functions are not available in SuiteQL.');
      if (step.opcode !== 'OpenRead' && step.opcode !== 'ReopenIdx') continue;
      if (step.p3 !== 0) throw unsupported('Only the account\'s own tables can be queried.');
      if (!rootPages.has(step.p2)) loadRootPages();
      const table = rootPages.get(step.p2) || '';
      if (!table || HIDDEN_NAME.test(table)) throw recordNotFound(table || 'unknown');
      tables.add(table);
    }
    return tables;
  }

  /**
   * SQLite's complaint in NetSuite's words. A syntax error is located in the caller's own text when SQLite
   * can parse that far (the rewritten SQL would point at words the caller never wrote).
   * @param {unknown} e @param {import('./translate').Translation} t @param {string} [query]
   */
  function sqliteError(e, t, query) {
    if (e instanceof SuiteQLError) return e;
    // Not `instanceof Error`: an error from another realm (jest's, a worker's) is still an error.
    const raw = e && typeof e === 'object' && 'message' in e ? /** @type {{ message: unknown }} */ (e).message : e;
    const message = String(raw)
      .replace(/\bsb_(out_date|dt|now)\(/g, '(')
      .replace(/\bsb_([a-z_]+)\(\)/g, (_, f) => `${String(f).toUpperCase()}()`);
    let m;
    if ((m = /^no such table: (?:main\.)?(\S+)/.exec(message))) return recordNotFound(m[1]);
    if ((m = /^no such column: "?([^"\s]+)"?/.exec(message))) return unknownIdentifier(m[1], t.identifiers);
    if ((m = /^no such function: (\S+)/.exec(message))) return unsupported(`Function ${m[1].toUpperCase()} is not supported by the sandbox's SuiteQL.`);
    if ((m = /^ambiguous column name: (\S+)/.exec(message))) return searchError(`Ambiguous identifier '${m[1]}': qualify it with a table alias.`);
    if (/syntax error|incomplete input|unrecognized token/.test(message)) {
      let where = '';
      try {
        if (query) db.prepare(query);
      } catch (own) {
        const near = /near "([^"]*)": syntax error/.exec(String(own instanceof Error ? own.message : own));
        if (near) where = ` near "${near[1]}"`;
        else if (/incomplete input/.test(String(own instanceof Error ? own.message : own))) where = ': it ends too early';
      }
      return unsupported(`The query could not be parsed${where}: check the SQL syntax.`);
    }
    return unsupported(message);
  }

  /** @param {string|null} type @returns {OutColumn['kind']} */
  function kindOf(type) {
    const u = (type || '').toUpperCase();
    if (u === 'DATE') return 'date';
    if (u === 'DATETIME' || u === 'TIMESTAMP') return 'datetime';
    return 'value';
  }

  /** @param {QueryInput} input @param {import('./translate').Translation} t */
  function bindValues(input, t) {
    const params = input.params === undefined || input.params === null ? [] : input.params;
    if (!Array.isArray(params)) throw searchError(`params must be an array of values for the ? markers, got ${typeof params}.`);
    if (params.length !== t.bindCount) {
      throw searchError(`The query has ${t.bindCount} parameter marker${t.bindCount === 1 ? '' : 's'} (?) but params holds ${params.length} value${params.length === 1 ? '' : 's'}.`);
    }
    const values = params.map((p, k) => {
      if (p === null || p === undefined) return null;
      if (typeof p === 'number') {
        if (!Number.isFinite(p)) throw searchError(`params[${k}] is ${p}: pass a finite number.`);
        return p;
      }
      if (typeof p === 'string') return p;
      if (typeof p === 'boolean') return p ? 'T' : 'F';
      // Dates from a script's realm fail instanceof: recognise them by their tag.
      if (Object.prototype.toString.call(p) === '[object Date]') {
        const ms = /** @type {Date} */ (p).getTime();
        if (Number.isNaN(ms)) throw searchError(`params[${k}] is an invalid Date.`);
        return canonical(Math.floor(toWall(ms) / DAY_MS) * DAY_MS);
      }
      throw searchError(`params[${k}] is a ${typeof p}: pass a number, string, boolean or Date.`);
    });
    return t.binds.map((i) => values[i]);
  }

  /** @param {unknown} v @param {OutColumn['kind']} kind @returns {unknown} */
  function formatValue(v, kind) {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' && v.startsWith(DATE_TAG)) return formatWall(wallOfLiteral(v.slice(DATE_TAG.length)), v);
    if (kind === 'date') return formatWall(wallOfLiteral(v), v);
    if (kind === 'datetime') return formatWall(readDate(v, toWall, dateFormat, true), v);
    return v;
  }

  /** @param {number|null} wall @param {unknown} original */
  function formatWall(wall, original) {
    if (wall === null) return typeof original === 'string' ? original.replace(DATE_TAG, '') : original;
    const date = formatAccountDate(wall, dateFormat);
    return DATETIME_RESULT_SHOWS_TIME && wall % DAY_MS ? `${date} ${formatTime(wall)}` : date;
  }

  /** @param {unknown[]} row @param {OutColumn[]} columns */
  const scriptRow = (row, columns) => columns.map((c) => formatValue(row[c.i], c.kind));

  /** @param {unknown[]} row @param {OutColumn[]} columns */
  function restItem(row, columns) {
    /** @type {Record<string, unknown>} */
    const item = { links: [] };
    for (const c of columns) {
      const v = formatValue(row[c.i], c.kind);
      if (v === null) continue;
      item[c.name] = REST_VALUES_AS_STRINGS ? String(v) : v;
    }
    return item;
  }

  /** @param {Prepared} p @param {unknown[]} binds @param {number} limit @param {number} offset @returns {unknown[][]} */
  function page(p, binds, limit, offset) {
    if (!p.page) p.page = db.prepare(`SELECT * FROM (${p.t.sql}) LIMIT ? OFFSET ?`).raw(true);
    return /** @type {unknown[][]} */ (run(p, () => /** @type {import('better-sqlite3').Statement} */ (p.page).all([...binds, limit, offset])));
  }

  /** @param {Prepared} p @param {unknown[]} binds @returns {number} */
  function count(p, binds) {
    if (!p.count) p.count = db.prepare(`SELECT COUNT(*) FROM (${p.t.sql})`).raw(true);
    const row = /** @type {number[]} */ (run(p, () => /** @type {import('better-sqlite3').Statement} */ (p.count).get(binds)));
    return row[0];
  }

  /** @template T @param {Prepared} p @param {() => T} fn @returns {T} */
  function run(p, fn) {
    // Read before the statement runs: the account's clock is a setting in this same database, which a
    // function called from inside the statement could not query.
    statementWall = toWall(now().getTime());
    try {
      return fn();
    } catch (e) {
      throw sqliteError(e, p.t);
    } finally {
      statementWall = 0;
    }
  }

  /**
   * query.runSuiteQL: at most 5,000 rows.
   * @param {QueryInput} input @returns {{ columns: string[], rows: unknown[][] }}
   */
  function runSuiteQL(input) {
    const p = prepare(input && input.query);
    if (input.access) input.access(p.tables);
    const binds = bindValues(input, p.t);
    /** @type {unknown[][]} */
    const rows = [];
    run(p, () => {
      for (const row of /** @type {IterableIterator<unknown[]>} */ (p.stmt.iterate(binds))) {
        rows.push(scriptRow(row, p.columns));
        if (rows.length >= LIMITS.runSuiteQL) break;
      }
    });
    return { columns: p.columns.map((c) => c.name), rows };
  }

  /**
   * query.runSuiteQLPaged: pages of 5..1000 rows, at most 1,000 pages and 100,000 rows. Each fetch runs
   * the query again, as NetSuite does.
   * @param {QueryInput & { pageSize?: number }} input
   */
  function runPaged(input) {
    const pageSize = input.pageSize === undefined ? 50 : input.pageSize;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < LIMITS.pageSizeMin || pageSize > LIMITS.pageSizeMax) {
      throw new SuiteQLError(PAGE_SIZE_ERROR, `Invalid pageSize ${String(pageSize)}: it must be a whole number from ${LIMITS.pageSizeMin} to ${LIMITS.pageSizeMax}.`);
    }
    const p = prepare(input.query);
    if (input.access) input.access(p.tables);
    const binds = bindValues(input, p.t);
    const total = Math.min(count(p, binds), LIMITS.maxResults, pageSize * LIMITS.maxPages);
    const pages = Math.ceil(total / pageSize);
    const pageRanges = Array.from({ length: pages }, (_, index) => ({ index, size: Math.min(pageSize, total - index * pageSize) }));
    return {
      count: total,
      pageSize,
      pageRanges,
      /** @param {number} index @returns {{ columns: string[], rows: unknown[][] }} */
      fetch(index) {
        if (!Number.isInteger(index) || index < 0 || index >= pages) {
          throw new SuiteQLError(PAGE_INDEX_ERROR, `Invalid page range: fetch. Page index ${String(index)} is not between 0 and ${pages - 1}.`);
        }
        const rows = page(p, binds, pageRanges[index].size, index * pageSize);
        return { columns: p.columns.map((c) => c.name), rows: rows.map((r) => scriptRow(r, p.columns)) };
      },
    };
  }

  /**
   * One page of POST /services/rest/query/v1/suiteql (limit ≤ 1000, default 1000; offset). The HTTP layer
   * adds the response's links.
   * @param {QueryInput & { limit?: number|string, offset?: number|string }} input
   */
  function restPage(input) {
    const limit = restInteger(input.limit, LIMITS.restLimitDefault, 'limit', 1, LIMITS.restLimitMax);
    const offset = restInteger(input.offset, 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const p = prepare(input.query);
    if (input.access) input.access(p.tables);
    const binds = bindValues(input, p.t);
    const totalResults = count(p, binds);
    const reachable = Math.min(totalResults, LIMITS.maxResults);
    const take = Math.max(0, Math.min(limit, reachable - offset));
    const rows = take ? page(p, binds, take, offset) : [];
    const items = rows.map((r) => restItem(r, p.columns));
    return { items, hasMore: offset + items.length < reachable, totalResults, count: items.length, offset };
  }

  /** @param {unknown} v @param {number} dflt @param {string} name @param {number} min @param {number} max */
  function restInteger(v, dflt, name, min, max) {
    if (v === undefined || v === null || v === '') return dflt;
    const n = typeof v === 'number' ? v : /^\d+$/.test(String(v).trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      // Wording unverified: NetSuite's message for a bad limit/offset was not found.
      const detail = `Invalid value '${String(v)}' for the query parameter ${name}: use a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}.`;
      throw new SuiteQLError('INVALID_PARAMETER', detail, { detail, queryParam: name });
    }
    return n;
  }

  function registerFunctions() {
    const pure = { deterministic: true, varargs: true };
    /** @param {string} name @param {(...a: any[]) => unknown} fn @param {boolean} [deterministic] */
    const fn = (name, fn, deterministic = true) => db.function(name, deterministic ? pure : { varargs: true }, fn);
    const dateOut = (/** @type {number} */ w) => canonical(Math.round(w / 1000) * 1000);

    fn('sb_now', () => canonical(Math.floor(nowWall() / 1000) * 1000), false);
    fn('sb_relative_range', (id, which) => {
      const today = Math.floor(nowWall() / DAY_MS) * DAY_MS;
      const start = today + ({ TODAY: 0, YESTERDAY: -1, TOMORROW: 1 }[/** @type {'TODAY'} */ (id)] ?? 0) * DAY_MS;
      // END is the range's last second (unverified: NetSuite's own END of a day range was not found).
      return canonical(which === 'END' ? start + DAY_MS - 1000 : start);
    }, false);
    fn('sb_dt', (v) => {
      const w = readDate(v, toWall, dateFormat, true);
      return w === null ? (v === undefined ? null : v) : canonical(w);
    });
    fn('sb_as_date', (v) => {
      if (typeof v !== 'string') return v === undefined ? null : v;
      const w = wallOfLiteral(v);
      return w === null ? v : canonical(w);
    });
    fn('sb_out_date', (v) => {
      if (v === null || v === undefined) return null;
      const w = wallOfLiteral(v);
      return w === null ? v : DATE_TAG + canonical(w);
    });
    fn('sb_to_date', (v, fmt) => {
      if (v === null || v === undefined || v === '') return null;
      if (fmt === null || fmt === undefined) return canonical(needDate(v, 'TO_DATE'));
      return canonical(oracleParseDate(String(v), String(fmt), nowWall()));
    }, false);
    fn('sb_to_char', (v, fmt, isDate) => {
      if (v === null || v === undefined) return null;
      const dateFmt = typeof fmt === 'string' && /Y|MON|DD|HH|MI|SS|DY|DAY|Q|IW|J/i.test(fmt);
      if (isDate || (typeof v === 'string' && dateFmt)) {
        const w = wallOfLiteral(v);
        if (w !== null) return fmt === null || fmt === undefined ? formatAccountDate(w, dateFormat) : oracleFormatDate(w, String(fmt));
        if (isDate) throw searchError(`TO_CHAR: '${String(v)}' is not a date.`);
      }
      if (typeof v === 'number' && typeof fmt === 'string') return oracleFormatNumber(v, fmt);
      return String(v);
    });
    fn('sb_trunc', (v, fmt) => {
      if (v === null || v === undefined) return null;
      const numeric = typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v));
      if (numeric && (fmt === null || fmt === undefined || typeof fmt === 'number' || /^-?\d+$/.test(String(fmt)))) {
        const f = 10 ** Number(fmt || 0);
        return Math.trunc(Number(v) * f) / f;
      }
      const w = needDate(v, 'TRUNC');
      const d = new Date(w);
      const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate();
      switch (String(fmt || 'DD').toUpperCase()) {
        case 'YYYY': case 'YEAR': case 'YY': case 'Y': case 'SYYYY': case 'RRRR': return canonical(Date.UTC(y, 0, 1));
        case 'Q': return canonical(Date.UTC(y, mo - (mo % 3), 1));
        case 'MM': case 'MON': case 'MONTH': case 'RM': return canonical(Date.UTC(y, mo, 1));
        case 'DD': case 'DDD': case 'J': return canonical(Date.UTC(y, mo, day));
        case 'IW': return canonical(Date.UTC(y, mo, day - ((d.getUTCDay() + 6) % 7)));
        case 'D': case 'DY': case 'DAY': return canonical(Date.UTC(y, mo, day - d.getUTCDay()));
        case 'HH': case 'HH12': case 'HH24': return canonical(Date.UTC(y, mo, day, d.getUTCHours()));
        case 'MI': return canonical(Date.UTC(y, mo, day, d.getUTCHours(), d.getUTCMinutes()));
        default: throw searchError(`TRUNC: date format '${String(fmt)}' is not supported.`);
      }
    });
    fn('sb_date_add', (d, days) => {
      if (d === null || d === undefined || days === null || days === undefined) return null;
      return dateOut(needDate(d, 'date arithmetic') + needNumber(days, 'date arithmetic') * DAY_MS);
    });
    fn('sb_date_diff', (a, b) => {
      if (a === null || a === undefined || b === null || b === undefined) return null;
      return (needDate(a, 'date arithmetic') - needDate(b, 'date arithmetic')) / DAY_MS;
    });
    fn('sb_add_months', (v, n) => {
      if (v === null || v === undefined || n === null || n === undefined) return null;
      const w = needDate(v, 'ADD_MONTHS');
      const d = new Date(w);
      const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1, day = d.getUTCDate();
      const total = y * 12 + (mo - 1) + Math.trunc(needNumber(n, 'ADD_MONTHS'));
      const ty = Math.floor(total / 12), tm = (total % 12) + 1;
      const last = daysInMonth(ty, tm);
      const td = day === daysInMonth(y, mo) || day > last ? last : day;
      return canonical(Date.UTC(ty, tm - 1, td) + (w % DAY_MS));
    });
    fn('sb_last_day', (v) => {
      if (v === null || v === undefined) return null;
      const w = needDate(v, 'LAST_DAY');
      const d = new Date(w);
      return canonical(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) + (w % DAY_MS));
    });
    fn('sb_months_between', (a, b) => {
      if (a === null || a === undefined || b === null || b === undefined) return null;
      const da = new Date(needDate(a, 'MONTHS_BETWEEN')), db2 = new Date(needDate(b, 'MONTHS_BETWEEN'));
      const months = (da.getUTCFullYear() - db2.getUTCFullYear()) * 12 + (da.getUTCMonth() - db2.getUTCMonth());
      const lastA = da.getUTCDate() === daysInMonth(da.getUTCFullYear(), da.getUTCMonth() + 1);
      const lastB = db2.getUTCDate() === daysInMonth(db2.getUTCFullYear(), db2.getUTCMonth() + 1);
      if (da.getUTCDate() === db2.getUTCDate() || (lastA && lastB)) return months;
      const frac = (da.getUTCDate() - db2.getUTCDate()) / 31 + ((da.getTime() % DAY_MS) - (db2.getTime() % DAY_MS)) / DAY_MS / 31;
      return months + frac;
    });
    fn('sb_extract', (unit, v) => {
      if (v === null || v === undefined) return null;
      const d = new Date(needDate(v, 'EXTRACT'));
      switch (unit) {
        case 'YEAR': return d.getUTCFullYear();
        case 'MONTH': return d.getUTCMonth() + 1;
        case 'DAY': return d.getUTCDate();
        case 'HOUR': return d.getUTCHours();
        case 'MINUTE': return d.getUTCMinutes();
        default: return d.getUTCSeconds();
      }
    });
    // Oracle string functions: 1-based positions, 0 read as 1, negative positions count from the end.
    fn('sb_substr', (s, p, n) => {
      if (s === null || s === undefined || p === null || p === undefined) return null;
      const str = String(s);
      let start = Math.trunc(Number(p));
      if (start === 0) start = 1;
      const from = start > 0 ? start - 1 : str.length + start;
      if (from < 0 || from >= str.length) return null;
      if (n === undefined) return str.slice(from);
      if (n === null || Number(n) < 1) return null;
      return str.slice(from, from + Math.trunc(Number(n))) || null;
    });
    fn('sb_instr', (s, sub, p = 1, occ = 1) => {
      if (s === null || s === undefined || sub === null || sub === undefined) return null;
      const str = String(s), needle = String(sub);
      let pos = Math.trunc(Number(p));
      let k = Math.trunc(Number(occ));
      if (pos === 0 || k < 1) throw searchError('INSTR: position must not be 0 and occurrence must be 1 or more.');
      if (pos > 0) {
        let at = pos - 2;
        while (k-- > 0) { at = str.indexOf(needle, at + 1); if (at < 0) return 0; }
        return at + 1;
      }
      let at = str.length + pos + 1;
      while (k-- > 0) { at = str.lastIndexOf(needle, at - 1); if (at < 0) return 0; }
      return at + 1;
    });
    /** @param {boolean} left */
    const padder = (left) => (/** @type {unknown} */ s, /** @type {unknown} */ n, /** @type {unknown} */ fill = ' ') => {
      if (s === null || s === undefined || n === null || n === undefined || fill === null) return null;
      const str = String(s), len = Math.trunc(Number(n)), f = String(fill);
      if (len < 1 || !f) return null;
      if (str.length >= len) return str.slice(0, len);
      return left ? str.padStart(len, f) : str.padEnd(len, f);
    };
    fn('sb_lpad', padder(true));
    fn('sb_rpad', padder(false));
    fn('sb_initcap', (s) => (s === null || s === undefined ? null : String(s).toLowerCase().replace(/(^|[^a-z0-9])([a-z])/g, (_, a, b) => a + b.toUpperCase())));
    fn('sb_to_number', (v) => (v === null || v === undefined || v === '' ? null : needNumber(v, 'TO_NUMBER')));
    fn('sb_regexp_like', (s, pattern, flags) => {
      if (s === null || s === undefined || pattern === null || pattern === undefined) return null;
      const f = String(flags || '');
      let re;
      try {
        re = new RegExp(String(pattern), `${f.includes('i') ? 'i' : ''}${f.includes('m') ? 'm' : ''}${f.includes('n') ? 's' : ''}`);
      } catch {
        throw searchError(`REGEXP_LIKE: '${String(pattern)}' is not a valid regular expression.`);
      }
      return re.test(String(s)) ? 1 : 0;
    });
  }

  return { runSuiteQL, runPaged, restPage, translate: (/** @type {string} */ q) => translate(q, translateMeta) };
}

module.exports = { createSuiteQL, LIMITS, DATETIME_RESULT_SHOWS_TIME, REST_VALUES_AS_STRINGS };
