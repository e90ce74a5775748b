/** A SuiteQL value as text ('' for null): the pages' readers get strings, numbers or booleans. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
