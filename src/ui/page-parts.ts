/**
 * The pieces the bundle's Suitelet pages share: links back to the Suitelet, escaped anchors, inline HTML
 * fields, hidden fields a confirmation posts back, and the status colours.
 */
import * as serverWidget from 'N/ui/serverWidget';
import { escapeHtml } from '../access/html';

export const RED = 'color:#c62828';
export const GREEN = 'color:#1a7f37';

/** A link to this Suitelet with parameters (the base carries script and deploy); empty ones are left out. */
export function link(base: string, params: Record<string, string | number | null | undefined>): string {
  const q = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return q.length ? `${base}&${q.join('&')}` : base;
}

export const a = (href: string, label: string): string => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

export function html(form: serverWidget.Form, id: string, content: string, container?: string): void {
  const f = form.addField({ id, label: ' ', type: serverWidget.FieldType.INLINEHTML, ...(container ? { container } : {}) });
  f.defaultValue = content;
}

export function hidden(form: serverWidget.Form, id: string, value: string): void {
  const f = form.addField({ id, label: id, type: serverWidget.FieldType.TEXT });
  f.updateDisplayType({ displayType: serverWidget.FieldDisplayType.HIDDEN });
  f.defaultValue = value;
}
