/**
 * SuiteQL text → tokens → nested groups, and back to SQL text. String literals, quoted identifiers and
 * comments are tokens of their own, so a literal such as 'sb_x' is never mistaken for a name; parentheses
 * become groups. Also the small node helpers the rewriter builds its output with.
 */
import { unsupported } from './errors';

export interface Tok { t: 'id' | 'qid' | 'str' | 'num' | 'bind' | 'op', v: string, u?: string, name?: string, i?: number, pos: number }
export interface Group { t: 'group', items: Node[], pos?: number, date?: boolean }
/** Rewritten output: text pieces and nodes (or node lists) serialized in order. */
export interface Raw { t: 'raw', parts: Array<string | Node | Node[]>, date?: boolean }
export type Node = Tok | Group | Raw;

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const TWO_CHAR_OPS = new Set(['||', '<>', '!=', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';']);

export function tokenize(sql: string): { toks: Tok[], bindCount: number } {
  const toks: Tok[] = [];
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
      const m = NUMBER.exec(sql) as RegExpExecArray;
      toks.push({ t: 'num', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      WORD.lastIndex = i;
      const m = WORD.exec(sql) as RegExpExecArray;
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

export function buildTree(toks: Tok[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const t of toks) {
    if (t.t === 'op' && t.v === '(') {
      const g: Group = { t: 'group', items: [], pos: t.pos };
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

export const isKw = (n: Node | undefined, ...words: string[]): boolean => !!n && n.t === 'id' && words.includes(n.u as string);
export const isOp = (n: Node | undefined, ...ops: string[]): boolean => !!n && n.t === 'op' && ops.includes(n.v);
export const startsQuery = (items: Node[]): boolean => isKw(items[0], 'SELECT', 'WITH');
export const raw = (parts: Array<string | Node | Node[]>, date = false): Raw => ({ t: 'raw', parts, date });
export const isDate = (n: Node | undefined): boolean => !!n && (n.t === 'raw' || n.t === 'group') && !!n.date;
export const kw = (v: string): Tok => ({ t: 'id', v, u: v, name: v.toLowerCase(), pos: -1 });
export const op = (v: string): Tok => ({ t: 'op', v, pos: -1 });
export const num = (v: number): Tok => ({ t: 'num', v: String(v), pos: -1 });

export function describe(n: Node | undefined): string {
  if (!n) return 'the end of the query';
  if (n.t === 'group') return '(…)';
  if (n.t === 'raw') return 'an expression';
  return n.v;
}

/** Split on top-level commas. */
export function splitTopComma(items: Node[]): Node[][] {
  if (!items.length) return [];
  const out: Node[][] = [[]];
  for (const n of items) {
    if (isOp(n, ',')) out.push([]);
    else out[out.length - 1].push(n);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Serialization

const isDot = (n: Node | undefined) => isOp(n, '.');

/** @param binds receives the original index of each ? in output order */
export function toSql(nodes: Node[], binds: number[]): string {
  let s = '';
  let prev: Node | undefined;
  for (const n of nodes) {
    const piece = nodeSql(n, binds);
    if (s && !isDot(n) && !isDot(prev)) s += ' ';
    s += piece;
    prev = n;
  }
  return s;
}

function nodeSql(n: Node, binds: number[]): string {
  if (n.t === 'group') return `(${toSql(n.items, binds)})`;
  if (n.t === 'raw') {
    return n.parts.map((p) => (typeof p === 'string' ? p : Array.isArray(p) ? toSql(p, binds) : nodeSql(p, binds))).join('');
  }
  if (n.t === 'bind') { binds.push(n.i as number); return '?'; }
  return n.v;
}
