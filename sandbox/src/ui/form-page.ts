/**
 * A serverWidget Form as an HTML page, laid out like a NetSuite form: title bar with page links, the button
 * row (Submit posts the form to the Suitelet's own URL), body fields, field groups as headed sections,
 * sublists as tables, then each tab as a section (all open: the sandbox runs no client-side tab script).
 * Every input's id and name is the field id, as NetSuite names them, so request.parameters reads them back.
 * Titles, labels, body field values and option texts are escaped; INLINEHTML and sublist text values are
 * written as HTML, as NetSuite does (the script owns that markup and its escaping).
 */
import { esc, safeHref, page, type Chrome } from './html';
import { MULTI_SEPARATOR } from './multi-select';
import type { FormModel, FieldModel, SublistModel, ButtonModel } from './form-model';
import { asText as text } from '../text';

type Option = { value: string, text: string, isSelected?: boolean };

/**
 * o.action: the Suitelet's path and query; o.optionsFor: a SELECT field's options from its source record type
 */
export function renderForm(form: FormModel, o: { action: string, chrome: Chrome, optionsFor: (source: string) => Option[] }): string {
  const inContainer = (id: string | null) => form.fields.filter((f) => f.container === id && f.displayType !== 'HIDDEN');
  const hidden = form.fields.filter((f) => f.displayType === 'HIDDEN')
    .map((f) => `<input type="hidden" id="${esc(f.id)}" name="${esc(f.id)}" value="${esc(scalar(f.defaultValue))}">`).join('');

  const fieldGrid = (fields: FieldModel[]) => (fields.length ? `<div class="ns-fields">${fields.map((f) => field(f, o.optionsFor)).join('')}</div>` : '');
  const groups = (tab: string | null) => form.groups.filter((g) => g.tab === tab).map((g) => {
    const fields = inContainer(g.id);
    return `<fieldset class="ns-group" id="${esc(g.id)}"><legend>${esc(g.label)}</legend>${fieldGrid(fields)}</fieldset>`;
  }).join('');
  const sublists = (tab: string | null) => form.sublists.filter((s) => s.tab === tab && s.displayType !== 'HIDDEN').map(sublist).join('');
  const tabBody = (tabId: string): string => `${fieldGrid(inContainer(tabId))}${groups(tabId)}${sublists(tabId)}`
    + form.tabs.filter((t) => t.parent === tabId)
      .map((t) => `<section class="ns-subtab" id="${esc(t.id)}"><h3>${esc(t.label)}</h3>${tabBody(t.id)}</section>`).join('');
  const tabs = form.tabs.filter((t) => !t.parent)
    .map((t) => `<section class="ns-tab" id="${esc(t.id)}"><h2>${esc(t.label)}</h2>${tabBody(t.id)}</section>`).join('');

  const link = (l: { title: string, url: string }) => `<a href="${safeHref(l.url)}">${esc(l.title)}</a>`;
  const crumbs = form.links.filter((l) => l.type === 'BREADCRUMB').map(link).join(' &rsaquo; ');
  const crosslinks = form.links.filter((l) => l.type === 'CROSSLINK').map(link).join(' | ');
  const clientScript = form.clientScriptModulePath ? ` data-client-script="${esc(form.clientScriptModulePath)}"` : '';
  const body = `<form id="main_form" method="POST" action="${esc(o.action)}"${clientScript}>
<div class="ns-titlebar"><div><div class="ns-crumbs">${crumbs}</div><h1 class="ns-title">${esc(form.title)}</h1></div><div class="ns-crosslinks">${crosslinks}</div></div>
<div class="ns-buttons">${form.buttons.map(button).join('')}</div>
${hidden}${fieldGrid(inContainer(null))}${groups(null)}${sublists(null)}${tabs}
</form>`;
  return page({ title: form.title, body, chrome: o.chrome, hideNavBar: form.hideNavBar });
}

function button(b: ButtonModel): string {
  if (b.isHidden) return '';
  const disabled = b.isDisabled ? ' disabled' : '';
  if (b.kind === 'submit') return `<input type="submit" class="ns-btn ns-btn-primary" id="${esc(b.id)}" name="${esc(b.id)}" value="${esc(b.label)}"${disabled}>`;
  if (b.kind === 'reset') return `<input type="reset" class="ns-btn" id="${esc(b.id)}" value="${esc(b.label)}"${disabled}>`;
  // functionName names a client script function (not run here) or, as scripts often use it, a JS expression.
  const fn = b.functionName ? ` onclick="${esc(/^[A-Za-z_$][\w$]*$/.test(b.functionName) ? `${b.functionName}()` : b.functionName)}"` : '';
  return `<input type="button" class="ns-btn" id="${esc(b.id)}" name="${esc(b.id)}" value="${esc(b.label)}"${fn}${disabled}>`;
}

/**
 * One body field: label (mandatory star, help text as tooltip) and its control for the display type.
 */
function field(f: FieldModel, optionsFor: (source: string) => Option[]): string {
  if (f.type === 'INLINEHTML') return `<div class="ns-inlinehtml" id="${esc(f.id)}_val">${scalar(f.defaultValue)}</div>`;
  if (f.type === 'HELP') return `<div class="ns-help" id="${esc(f.id)}_val">${esc(f.label)}</div>`;
  const help = f.helpText ? ` title="${esc(f.helpText)}"` : '';
  const star = f.isMandatory ? '<span class="ns-req" title="Required">*</span>' : '';
  const options: Option[] = f.type === 'SELECT' || f.type === 'MULTISELECT' ? (f.source ? optionsFor(f.source) : f.options) : [];
  const label = f.type === 'LABEL'
    ? `<span class="ns-label"${help}>${esc(f.label)}</span>`
    : `<label for="${esc(f.id)}"${help}>${esc(f.label)}${star}</label>`;
  const control = f.type === 'LABEL' ? '' : f.displayType === 'INLINE' ? inline(f, options) : input(f, options);
  const wrap = `<div class="ns-field" id="${esc(f.id)}_fs">${label}${control}</div>`;
  // NODISPLAY: on the page (submitted, a client script could show it) but not shown.
  return f.displayType === 'NODISPLAY' ? `<div hidden>${wrap}</div>` : wrap;
}

/**
 * INLINE: the value as text; a hidden input keeps it in the submitted form. Assumed (FIDELITY.md, Suitelets and the
 * UI sign-in: "INLINE shows the value as text and a hidden input posts it").
 */
function inline(f: FieldModel, options: Option[]): string {
  const values = selected(f, options);
  let shown: string;
  if (f.type === 'SELECT' || f.type === 'MULTISELECT') shown = esc(options.filter((x) => values.includes(x.value)).map((x) => x.text).join(', '));
  else if (f.type === 'CHECKBOX') shown = values[0] === 'T' ? 'Yes' : 'No';
  else if (f.type === 'URL' && values[0]) shown = `<a href="${safeHref(values[0])}">${esc(f.linkText || values[0])}</a>`;
  else if (f.type === 'PASSWORD') shown = values[0] ? '&bull;&bull;&bull;&bull;&bull;&bull;' : '';
  else shown = esc(values.join(', '));
  const keep = f.type === 'PASSWORD' ? '' : `<input type="hidden" id="${esc(f.id)}" name="${esc(f.id)}" value="${esc(values.join(MULTI_SEPARATOR))}">`;
  return `<span class="ns-inline" id="${esc(f.id)}_display">${shown}</span>${keep}`;
}

function input(f: FieldModel, options: Option[]): string {
  const idName = `id="${esc(f.id)}" name="${esc(f.id)}"`;
  const flags = (f.isMandatory && f.type !== 'CHECKBOX' ? ' required aria-required="true"' : '')
    + (f.displayType === 'DISABLED' ? ' disabled' : '') + (f.displayType === 'READONLY' ? ' readonly' : '');
  const max = f.maxLength ? ` maxlength="${Number(f.maxLength)}"` : '';
  const value = scalar(f.defaultValue);
  switch (f.type) {
    case 'SELECT': case 'MULTISELECT': {
      const values = selected(f, options);
      const opts = options.map((x) => `<option value="${esc(x.value)}"${values.includes(x.value) ? ' selected' : ''}>${esc(x.text)}</option>`).join('');
      return `<select ${idName}${f.type === 'MULTISELECT' ? ' multiple' : ''}${flags}>${opts}</select>`;
    }
    case 'CHECKBOX':
      return `<input type="checkbox" ${idName} value="T"${value === 'T' ? ' checked' : ''}${flags}>`;
    case 'TEXTAREA': case 'LONGTEXT': case 'RICHTEXT':
      return `<textarea ${idName} rows="4"${max}${flags}>${esc(value)}</textarea>`;
    case 'PASSWORD':
      // The value is never written back into the page.
      return `<input type="password" ${idName} autocomplete="off"${max}${flags}>`;
    default:
      return `<input type="text" ${idName} value="${esc(value)}"${max}${flags}>`;
  }
}

/**
 * The values a field starts with: its default value, else the options added with isSelected.
 */
function selected(f: FieldModel, options: Option[]): string[] {
  const d: unknown = f.defaultValue;
  if (Array.isArray(d)) return (d as unknown[]).map(text);
  if (d != null && d !== '') return f.type === 'MULTISELECT' ? text(d).split(MULTI_SEPARATOR) : [scalar(d)];
  return options.filter((x) => x.isSelected).map((x) => x.value);
}

/** A default value as the text NetSuite shows: checkboxes as T/F. */
function scalar(v: unknown): string {
  if (v === true) return 'T';
  if (v === false) return 'F';
  return v == null ? '' : text(v);
}

function sublist(s: SublistModel): string {
  const cols = s.fields.filter((f) => f.displayType !== 'HIDDEN');
  const head = cols.map((f) => `<th id="${esc(s.id)}_${esc(f.id)}_header">${esc(f.label)}</th>`).join('');
  const rows = s.lines.map((line, i) => `<tr id="${esc(s.id)}row${i}">${cols.map((f) => `<td>${cell(f, line[f.id])}</td>`).join('')}</tr>`).join('');
  const buttons = s.buttons.length ? `<div class="ns-buttons">${s.buttons.map(button).join('')}</div>` : '';
  return `<div class="ns-sublist" id="${esc(s.id)}_div"><h3>${esc(s.label)}</h3>${buttons}
<table class="ns-list" id="${esc(s.id)}_splits"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * A sublist cell. Text values are written as HTML, as NetSuite shows a LIST sublist's text values (scripts put
 * links and markup there): escaping what the script puts in is the script's job. Assumed for every type
 * (FIDELITY.md, Suitelets and the UI sign-in: "INLINEHTML and sublist text cells are written as HTML").
 */
function cell(f: FieldModel, v: string | undefined): string {
  if (v == null) return '';
  if (f.type === 'CHECKBOX') return v === 'T' ? '&#10003;' : '';
  if (f.type === 'URL') return `<a href="${safeHref(v)}">${esc(f.linkText || v)}</a>`;
  return v;
}
