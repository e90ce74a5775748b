// @ts-check
'use strict';
/**
 * A serverWidget Form as an HTML page, laid out like a NetSuite form: title bar with page links, the button
 * row (Submit posts the form to the Suitelet's own URL), body fields, field groups as headed sections,
 * sublists as tables, then each tab as a section (all open: the sandbox runs no client-side tab script).
 * Every input's id and name is the field id, as NetSuite names them, so request.parameters reads them back.
 * Titles, labels, body field values and option texts are escaped; INLINEHTML and sublist text values are
 * written as HTML, as NetSuite does (the script owns that markup and its escaping).
 */
const { esc, safeHref, page } = require('./html');
const { MULTI_SEPARATOR } = require('./multi-select');

/** @typedef {import('../runtime/modules/N-ui-serverWidget').FormModel} FormModel */
/** @typedef {import('../runtime/modules/N-ui-serverWidget').FieldModel} FieldModel */
/** @typedef {import('../runtime/modules/N-ui-serverWidget').SublistModel} SublistModel */
/** @typedef {import('../runtime/modules/N-ui-serverWidget').ButtonModel} ButtonModel */

/**
 * @param {FormModel} form
 * @param {{ action: string, chrome: import('./html').Chrome, optionsFor: (source: string) => Array<{ value: string, text: string }> }} o
 *   action: the Suitelet's path and query; optionsFor: a SELECT field's options from its source record type
 */
function renderForm(form, o) {
  const inContainer = (/** @type {string | null} */ id) => form.fields.filter((f) => f.container === id && f.displayType !== 'HIDDEN');
  const hidden = form.fields.filter((f) => f.displayType === 'HIDDEN')
    .map((f) => `<input type="hidden" id="${esc(f.id)}" name="${esc(f.id)}" value="${esc(scalar(f.defaultValue))}">`).join('');

  /** @param {FieldModel[]} fields */
  const fieldGrid = (fields) => (fields.length ? `<div class="ns-fields">${fields.map((f) => field(f, o.optionsFor)).join('')}</div>` : '');
  /** @param {string | null} tab */
  const groups = (tab) => form.groups.filter((g) => g.tab === tab).map((g) => {
    const fields = inContainer(g.id);
    return `<fieldset class="ns-group" id="${esc(g.id)}"><legend>${esc(g.label)}</legend>${fieldGrid(fields)}</fieldset>`;
  }).join('');
  /** @param {string | null} tab */
  const sublists = (tab) => form.sublists.filter((s) => s.tab === tab && s.displayType !== 'HIDDEN').map(sublist).join('');
  /** @param {string} tabId @returns {string} */
  const tabBody = (tabId) => `${fieldGrid(inContainer(tabId))}${groups(tabId)}${sublists(tabId)}`
    + form.tabs.filter((t) => t.parent === tabId)
      .map((t) => `<section class="ns-subtab" id="${esc(t.id)}"><h3>${esc(t.label)}</h3>${tabBody(t.id)}</section>`).join('');
  const tabs = form.tabs.filter((t) => !t.parent)
    .map((t) => `<section class="ns-tab" id="${esc(t.id)}"><h2>${esc(t.label)}</h2>${tabBody(t.id)}</section>`).join('');

  const link = (/** @type {{ title: string, url: string }} */ l) => `<a href="${safeHref(l.url)}">${esc(l.title)}</a>`;
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

/** @param {ButtonModel} b */
function button(b) {
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
 * @param {FieldModel} f @param {(source: string) => Array<{ value: string, text: string }>} optionsFor
 */
function field(f, optionsFor) {
  if (f.type === 'INLINEHTML') return `<div class="ns-inlinehtml" id="${esc(f.id)}_val">${scalar(f.defaultValue)}</div>`;
  if (f.type === 'HELP') return `<div class="ns-help" id="${esc(f.id)}_val">${esc(f.label)}</div>`;
  const help = f.helpText ? ` title="${esc(f.helpText)}"` : '';
  const star = f.isMandatory ? '<span class="ns-req" title="Required">*</span>' : '';
  const options = f.type === 'SELECT' || f.type === 'MULTISELECT' ? (f.source ? optionsFor(f.source) : f.options) : [];
  const label = f.type === 'LABEL'
    ? `<span class="ns-label"${help}>${esc(f.label)}</span>`
    : `<label for="${esc(f.id)}"${help}>${esc(f.label)}${star}</label>`;
  const control = f.type === 'LABEL' ? '' : f.displayType === 'INLINE' ? inline(f, options) : input(f, options);
  const wrap = `<div class="ns-field" id="${esc(f.id)}_fs">${label}${control}</div>`;
  // NODISPLAY: on the page (submitted, a client script could show it) but not shown.
  return f.displayType === 'NODISPLAY' ? `<div hidden>${wrap}</div>` : wrap;
}

/**
 * INLINE: the value as text; a hidden input keeps it in the submitted form (unverified: that NetSuite posts inline fields).
 * @param {FieldModel} f @param {Array<{ value: string, text: string }>} options
 */
function inline(f, options) {
  const values = selected(f, options);
  let shown;
  if (f.type === 'SELECT' || f.type === 'MULTISELECT') shown = esc(options.filter((x) => values.includes(x.value)).map((x) => x.text).join(', '));
  else if (f.type === 'CHECKBOX') shown = values[0] === 'T' ? 'Yes' : 'No';
  else if (f.type === 'URL' && values[0]) shown = `<a href="${safeHref(values[0])}">${esc(f.linkText || values[0])}</a>`;
  else if (f.type === 'PASSWORD') shown = values[0] ? '&bull;&bull;&bull;&bull;&bull;&bull;' : '';
  else shown = esc(values.join(', '));
  const keep = f.type === 'PASSWORD' ? '' : `<input type="hidden" id="${esc(f.id)}" name="${esc(f.id)}" value="${esc(values.join(MULTI_SEPARATOR))}">`;
  return `<span class="ns-inline" id="${esc(f.id)}_display">${shown}</span>${keep}`;
}

/** @param {FieldModel} f @param {Array<{ value: string, text: string }>} options */
function input(f, options) {
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
 * @param {FieldModel} f @param {Array<{ value: string, text: string, isSelected?: boolean }>} options
 */
function selected(f, options) {
  const d = f.defaultValue;
  if (Array.isArray(d)) return d.map(String);
  if (d != null && d !== '') return f.type === 'MULTISELECT' ? String(d).split(MULTI_SEPARATOR) : [scalar(d)];
  return options.filter((x) => x.isSelected).map((x) => x.value);
}

/** A default value as the text NetSuite shows: checkboxes as T/F. @param {unknown} v */
function scalar(v) {
  if (v === true) return 'T';
  if (v === false) return 'F';
  return v == null ? '' : String(v);
}

/** @param {SublistModel} s */
function sublist(s) {
  const cols = s.fields.filter((f) => f.displayType !== 'HIDDEN');
  const head = cols.map((f) => `<th id="${esc(s.id)}_${esc(f.id)}_header">${esc(f.label)}</th>`).join('');
  const rows = s.lines.map((line, i) => `<tr id="${esc(s.id)}row${i}">${cols.map((f) => `<td>${cell(f, line[f.id])}</td>`).join('')}</tr>`).join('');
  const buttons = s.buttons.length ? `<div class="ns-buttons">${s.buttons.map(button).join('')}</div>` : '';
  return `<div class="ns-sublist" id="${esc(s.id)}_div"><h3>${esc(s.label)}</h3>${buttons}
<table class="ns-list" id="${esc(s.id)}_splits"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * A sublist cell. Text values are written as HTML, as NetSuite shows a LIST sublist's text values (scripts put
 * links and markup there): escaping what the script puts in is the script's job (unverified for every type).
 * @param {FieldModel} f @param {string | undefined} v
 */
function cell(f, v) {
  if (v == null) return '';
  if (f.type === 'CHECKBOX') return v === 'T' ? '&#10003;' : '';
  if (f.type === 'URL') return `<a href="${safeHref(v)}">${esc(f.linkText || v)}</a>`;
  return v;
}

module.exports = { renderForm };
