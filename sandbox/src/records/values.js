// @ts-check
'use strict';
/**
 * Field values between their stored form (SQLite) and their script form (N/record): checkboxes are
 * booleans, dates Date objects, select values string ids, empty values ''. Wrong types fail with
 * INVALID_FLD_VALUE as in NetSuite.
 * Assumption (unverified): dates are midnight in the sandbox process's time zone, the stand-in for the
 * user's time zone preference.
 */
const { sandboxError } = require('../errors');

/** @typedef {import('./types').FieldDef} FieldDef */

const isDate = (/** @type {unknown} */ v) => Object.prototype.toString.call(v) === '[object Date]';
const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** @param {Date} d */
const toIsoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** @param {string} iso 'YYYY-MM-DD' @returns {number} ms of local midnight */
function isoDateMs(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/**
 * @param {FieldDef} f @param {any} stored @param {(ms: number) => Date} makeDate realm's Date factory
 */
function toScript(f, stored, makeDate) {
  if (f.kind === 'checkbox') return stored === 'T' || stored === true;
  if (stored == null || stored === '') return f.kind === 'date' || f.kind === 'datetime' ? null : '';
  switch (f.kind) {
    case 'date': return makeDate(isoDateMs(String(stored)));
    case 'datetime': return makeDate(Date.parse(String(stored)));
    case 'select': return String(stored);
    case 'integer': case 'float': return Number(stored);
    default: return String(stored);
  }
}

/** @param {FieldDef} f @param {unknown} value */
function invalid(f, value) {
  return sandboxError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(value)} for the following field: ${f.id}`);
}

/** @param {FieldDef} f @param {any} value @returns {any} the stored form */
function toStored(f, value) {
  if (f.kind === 'checkbox') {
    if (typeof value !== 'boolean') throw invalid(f, value);
    return value ? 'T' : 'F';
  }
  if (value == null || value === '') return null;
  switch (f.kind) {
    case 'date':
      if (!isDate(value) || Number.isNaN(value.getTime())) throw invalid(f, value);
      return toIsoDate(value);
    case 'datetime':
      if (!isDate(value) || Number.isNaN(value.getTime())) throw invalid(f, value);
      return value.toISOString();
    case 'select': case 'integer': {
      const n = typeof value === 'number' ? value : /^-?\d+$/.test(String(value).trim()) ? Number(value) : NaN;
      if (!Number.isInteger(n)) throw invalid(f, value);
      return n;
    }
    case 'float': {
      const n = Number(value);
      if (!Number.isFinite(n)) throw invalid(f, value);
      return n;
    }
    case 'email': {
      const s = String(value).trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) throw invalid(f, value);
      return s;
    }
    default: return String(value);
  }
}

module.exports = { toScript, toStored, toIsoDate, isoDateMs, isDate };
