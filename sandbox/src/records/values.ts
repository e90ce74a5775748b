/**
 * Field values between their stored form (SQLite) and their script form (N/record): checkboxes are
 * booleans, dates Date objects, select values string ids, empty values ''. Wrong types fail with
 * INVALID_FLD_VALUE as in NetSuite.
 * Dates are midnight in the sandbox process's time zone, the stand-in for the user's time zone preference.
 * Assumed (FIDELITY.md, Records, storage and permissions: "Dates are midnight in the sandbox process's time zone").
 */
import { sandboxError, type SandboxError } from '../errors';
import type { FieldDef } from './types';
import { asText as text } from '../text';

/** A value as SQLite keeps it: 'T'/'F', ISO dates, numbers, text, or null for empty. */
export type Stored = string | number | null;
/** A value as N/record hands it to scripts. */
export type ScriptValue = string | number | boolean | Date | null;

export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const pad = (n: number): string => String(n).padStart(2, '0');

export const toIsoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const midnights = new Map<string, number>();

/** 'YYYY-MM-DD' → ms of local midnight (remembered: a local-time Date costs ~10 µs, and a save reads a few) */
export function isoDateMs(iso: string): number {
  const day = iso.slice(0, 10);
  let ms = midnights.get(day);
  if (ms === undefined) {
    const [y, m, d] = day.split('-').map(Number);
    if (midnights.size >= 10000) midnights.clear();
    midnights.set(day, ms = new Date(y, m - 1, d).getTime());
  }
  return ms;
}

/** makeDate: the realm's Date factory. */
export function toScript(f: FieldDef, stored: Stored | boolean | undefined, makeDate: (ms: number) => Date): ScriptValue {
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

function invalid(f: FieldDef, value: unknown): SandboxError {
  return sandboxError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${text(value)} for the following field: ${f.id}`);
}

/** A script's value in its stored form, refused with INVALID_FLD_VALUE when the field cannot hold it. */
export function toStored(f: FieldDef, value: unknown): Stored {
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
      const n = typeof value === 'number' ? value : /^-?\d+$/.test(text(value).trim()) ? Number(value) : NaN;
      if (!Number.isInteger(n)) throw invalid(f, value);
      return n;
    }
    case 'float': {
      const n = Number(value);
      if (!Number.isFinite(n)) throw invalid(f, value);
      return n;
    }
    case 'email': {
      const s = text(value).trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) throw invalid(f, value);
      return s;
    }
    default: return text(value);
  }
}

