// @ts-check
'use strict';
/**
 * N/ui/serverWidget: the forms a Suitelet builds (fields, field groups, tabs, sublists, buttons, page links).
 * The script holds guarded faces; the model behind each Form is what ServerResponse.writePage renders
 * (sandbox/src/ui/form-page.js). No governance units. Arguments are checked as NetSuite documents them: a
 * missing required option is SSS_MISSING_REQD_ARGUMENT, a bad enum value or id fails with what to write.
 * Not provided (fail loudly by name): createList, createAssistant, credential and secret key fields,
 * insertField/insertSublist/insertTab, page init messages, RADIO/FILE/IMAGE fields.
 */
const { options, required, hostObject } = require('../expose');
const { sandboxError } = require('../../errors');
const { unsupportedFunctions } = require('../unsupported');

/** @param {string[]} keys */
const enumOf = (keys) => Object.freeze(Object.fromEntries(keys.map((k) => [k, k])));

// Enum values as Oracle's own stubs define them (oracle/netsuite-suitecloud-sdk, unit-testing/stubs/ui/serverWidget).
const FieldType = enumOf(['CHECKBOX', 'CURRENCY', 'DATE', 'DATETIME', 'DATETIMETZ', 'EMAIL', 'FILE', 'FLOAT', 'HELP', 'IMAGE', 'INLINEHTML',
  'INTEGER', 'LABEL', 'LONGTEXT', 'MULTISELECT', 'PASSWORD', 'PERCENT', 'PHONE', 'RADIO', 'RICHTEXT', 'SELECT', 'TEXTAREA', 'TEXT', 'TIMEOFDAY', 'URL']);
const FieldDisplayType = enumOf(['NORMAL', 'HIDDEN', 'READONLY', 'DISABLED', 'ENTRY', 'INLINE', 'NODISPLAY']);
const FieldLayoutType = enumOf(['NORMAL', 'OUTSIDE', 'OUTSIDEBELOW', 'OUTSIDEABOVE', 'STARTROW', 'MIDROW', 'ENDROW']);
const FieldBreakType = enumOf(['NONE', 'STARTCOL', 'STARTROW']);
const SublistType = enumOf(['EDITOR', 'INLINEEDITOR', 'LIST', 'STATICLIST']);
const SublistDisplayType = enumOf(['NORMAL', 'HIDDEN']);
const FormPageLinkType = enumOf(['BREADCRUMB', 'CROSSLINK']);
const LayoutJustification = enumOf(['CENTER', 'LEFT', 'RIGHT']);
const ListStyle = Object.freeze({ GRID: 'grid', REPORT: 'report', PLAIN: 'plain', NORMAL: 'normal' });
const AssistantSubmitAction = Object.freeze({ NEXT: 'next', BACK: 'back', CANCEL: 'cancel', FINISH: 'finish', JUMP: 'jump' });

/** Field types the sandbox cannot render (RADIO groups, FILE uploads need multipart, IMAGE is for lists). */
const UNSUPPORTED_TYPES = new Set(['RADIO', 'FILE', 'IMAGE']);
/** Oracle: "INLINEHTML and RICHTEXT are not supported with Sublist.addField(options)". */
const NOT_ON_SUBLISTS = new Set(['INLINEHTML', 'RICHTEXT']);
const ID_RE = /^[a-z][a-z0-9_]*$/;

/**
 * Error codes for mistakes NetSuite documents without a code: unverified, kept in one place.
 * (SSS_INVALID_TYPE_ARG is the documented code for a non-string help text.)
 */
const CODES = { badValue: 'SSS_INVALID_TYPE_ARG', badId: 'INVALID_ID', badUse: 'SSS_INVALID_API_USAGE' };

/**
 * @typedef {{ value: string, text: string, isSelected: boolean }} SelectOption
 * @typedef {{ id: string, label: string, type: string, source: string | null, container: string | null,
 *   displayType: string, layoutType: string, breakType: string, defaultValue: any, isMandatory: boolean,
 *   maxLength: number | null, helpText: string, linkText: string, padding: number, alias: string,
 *   options: SelectOption[], face?: any }} FieldModel
 * @typedef {{ id: string, label: string, tab: string | null, isBorderHidden: boolean, isCollapsible: boolean,
 *   isCollapsed: boolean, isSingleColumn: boolean }} GroupModel
 * @typedef {{ id: string, label: string, parent: string | null, helpText: string, face?: any }} TabModel
 * @typedef {{ kind: 'submit' | 'reset' | 'button', id: string, label: string, functionName: string | null,
 *   isDisabled: boolean, isHidden: boolean, face?: any }} ButtonModel
 * @typedef {{ id: string, label: string, type: string, tab: string | null, fields: FieldModel[],
 *   lines: Array<Record<string, string>>, buttons: ButtonModel[], helpText: string, displayType: string, face?: any }} SublistModel
 * @typedef {{ title: string, hideNavBar: boolean, clientScriptModulePath: string | null, fields: FieldModel[],
 *   groups: GroupModel[], tabs: TabModel[], sublists: SublistModel[], buttons: ButtonModel[],
 *   links: Array<{ type: string, title: string, url: string }> }} FormModel
 */

/** The model behind each Form face a script holds: what ServerResponse.writePage renders. @type {WeakMap<object, FormModel>} */
const formModels = new WeakMap();

/** @param {string} where @param {string} name */
const missing = (where, name) => sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: ${name}`);

/**
 * An enum value, accepted in any case as NetSuite accepts 'text' for FieldType.TEXT.
 * @param {Record<string, string>} e @param {string} enumName @param {unknown} v @param {string} where
 */
function enumValue(e, enumName, v, where) {
  const key = String(v).toUpperCase();
  if (!(key in e)) throw sandboxError(CODES.badValue, `${where}: ${JSON.stringify(v)} is not a ${enumName} value; use serverWidget.${enumName} (${Object.keys(e).join(', ')}).`);
  return key;
}

/** @param {Record<string, any>} o @param {string} where */
function idOf(o, where) {
  const id = String(required(o, 'id', where));
  if (!ID_RE.test(id)) throw sandboxError(CODES.badId, `${where}: id ${JSON.stringify(id)} must be lowercase letters, digits and underscores, starting with a letter (e.g. custpage_role).`);
  return id;
}

/** @param {Record<string, any>} o @param {string} name @param {string} where */
function text(o, name, where) {
  const v = required(o, name, where);
  if (typeof v !== 'string') throw sandboxError(CODES.badValue, `${where}: ${name} must be a string, not ${typeof v}.`);
  return v;
}

/** @param {import('../invocation').Invocation} inv */
module.exports = function createServerWidget(inv) {
  const realm = inv.realm;

  /**
   * Plain read/write properties on a face, backed by the model.
   * @param {Record<string, any>} target @param {Record<string, any>} model @param {string[]} names
   */
  function props(target, model, names) {
    for (const n of names) Object.defineProperty(target, n, { enumerable: true, configurable: true, get: () => model[n], set: (v) => { model[n] = v; } });
    return target;
  }
  /** @param {Record<string, any>} target @param {Record<string, () => unknown>} getters */
  function readOnly(target, getters) {
    for (const [n, get] of Object.entries(getters)) {
      Object.defineProperty(target, n, { enumerable: true, configurable: true, get, set: () => { throw sandboxError('READ_ONLY_PROPERTY', `${n} is read-only.`); } });
    }
    return target;
  }

  /** @param {FieldModel} f @param {string} typeName */
  function fieldFace(f, typeName) {
    /** @type {any} */
    let face = null;
    const target = {
      addSelectOption(/** @type {any[]} */ ...a) {
        const o = options(a, ['value', 'text', 'isSelected']);
        // A blank option ({ value: '', text: '' }) is common: only undefined and null are missing.
        if (o.value == null) throw missing('Field.addSelectOption', 'value');
        if (o.text == null) throw missing('Field.addSelectOption', 'text');
        if (f.type !== 'SELECT' && f.type !== 'MULTISELECT') throw sandboxError(CODES.badUse, `Field.addSelectOption: ${f.id} is a ${f.type} field; only SELECT and MULTISELECT fields have options.`);
        if (f.source) throw sandboxError(CODES.badUse, `Field.addSelectOption: ${f.id} takes its options from its source (${f.source}); options cannot be added to it.`);
        f.options.push({ value: String(o.value), text: String(o.text), isSelected: !!o.isSelected });
      },
      getSelectOptions(/** @type {any[]} */ ...a) {
        const o = options(a, ['filter', 'filteroperator']);
        const filter = o.filter == null ? '' : String(o.filter).toLowerCase();
        const op = String(o.filteroperator || 'contains').toLowerCase();
        const keep = (/** @type {SelectOption} */ s) => {
          const t = s.text.toLowerCase();
          return !filter || (op === 'is' ? t === filter : op === 'startswith' ? t.startsWith(filter) : t.includes(filter));
        };
        return realm.copy(f.options.filter(keep).slice(0, 1000).map((s) => ({ value: s.value, text: s.text })));
      },
      setHelpText(/** @type {any[]} */ ...a) {
        f.helpText = text(options(a, ['help', 'showInlineForAssistant']), 'help', 'Field.setHelpText');
        return face;
      },
      updateDisplayType(/** @type {any[]} */ ...a) {
        f.displayType = enumValue(FieldDisplayType, 'FieldDisplayType', required(options(a, ['displayType']), 'displayType', 'Field.updateDisplayType'), 'Field.updateDisplayType');
        return face;
      },
      updateLayoutType(/** @type {any[]} */ ...a) {
        f.layoutType = enumValue(FieldLayoutType, 'FieldLayoutType', required(options(a, ['layoutType']), 'layoutType', 'Field.updateLayoutType'), 'Field.updateLayoutType');
        return face;
      },
      updateBreakType(/** @type {any[]} */ ...a) {
        f.breakType = enumValue(FieldBreakType, 'FieldBreakType', required(options(a, ['breakType']), 'breakType', 'Field.updateBreakType'), 'Field.updateBreakType');
        return face;
      },
      updateDisplaySize(/** @type {any[]} */ ...a) {
        const o = options(a, ['height', 'width']);
        required(o, 'height', 'Field.updateDisplaySize');
        required(o, 'width', 'Field.updateDisplaySize');
        return face;
      },
      toString: () => 'serverWidget.Field',
      toJSON: () => ({ id: f.id, label: f.label, type: f.type.toLowerCase() }),
    };
    // Field.type reads in lowercase ("text, date, currency, select, checkbox": Oracle's Field.type page).
    readOnly(target, { id: () => f.id, type: () => f.type.toLowerCase() });
    props(target, f, ['label', 'defaultValue', 'isMandatory', 'maxLength', 'helpText', 'linkText', 'padding', 'alias']);
    face = hostObject(realm, typeName, target);
    f.face = face;
    return face;
  }

  /**
   * @param {Record<string, any>} o @param {string} where @param {{ onSublist?: boolean }} [w]
   * @returns {FieldModel}
   */
  function newField(o, where, w = {}) {
    const id = idOf(o, where);
    const label = String(required(o, 'label', where));
    const type = enumValue(FieldType, 'FieldType', required(o, 'type', where), where);
    // Oracle: "The DATETIME field type is not supported with addField methods, you must specify DATETIMETZ."
    if (type === 'DATETIME') throw sandboxError(CODES.badValue, `${where}: FieldType.DATETIME is not supported by addField; use FieldType.DATETIMETZ.`);
    if (UNSUPPORTED_TYPES.has(type)) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `${where}: FieldType.${type} fields are not provided by the sandbox account.`);
    if (w.onSublist && NOT_ON_SUBLISTS.has(type)) throw sandboxError(CODES.badValue, `${where}: FieldType.${type} is not supported on sublists.`);
    return {
      id, label, type, source: o.source == null || o.source === '' ? null : String(o.source), container: o.container ? String(o.container) : null,
      displayType: 'NORMAL', layoutType: 'NORMAL', breakType: 'NONE', defaultValue: null, isMandatory: false, maxLength: null,
      helpText: '', linkText: '', padding: 0, alias: id, options: [],
    };
  }

  /** @param {ButtonModel} b */
  function buttonFace(b) {
    const target = props({ toString: () => 'serverWidget.Button' }, b, ['label', 'isDisabled', 'isHidden']);
    b.face = hostObject(realm, 'serverWidget.Button', target);
    return b.face;
  }

  /** @param {SublistModel} s */
  function sublistFace(s) {
    /** @type {any} */
    let face = null;
    const lineOf = (/** @type {unknown} */ line, /** @type {string} */ where) => {
      const n = typeof line === 'string' && line.trim() !== '' ? Number(line) : line;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw sandboxError(CODES.badValue, `${where}: line must be a whole number from 0, not ${JSON.stringify(line)}.`);
      return n;
    };
    const target = {
      addField(/** @type {any[]} */ ...a) {
        const o = options(a, ['id', 'label', 'type', 'source', 'container']);
        const f = newField(o, 'Sublist.addField', { onSublist: true });
        if (s.fields.some((x) => x.id === f.id)) throw sandboxError(CODES.badId, `Sublist.addField: sublist ${s.id} already has a field ${f.id}.`);
        s.fields.push(f);
        return fieldFace(f, 'serverWidget.Field');
      },
      getField(/** @type {any[]} */ ...a) {
        const id = String(required(options(a, ['id']), 'id', 'Sublist.getField'));
        return s.fields.find((x) => x.id === id)?.face ?? null;
      },
      setSublistValue(/** @type {any[]} */ ...a) {
        const o = options(a, ['id', 'line', 'value']);
        const id = String(required(o, 'id', 'Sublist.setSublistValue'));
        if (o.line == null) throw missing('Sublist.setSublistValue', 'line');
        const line = lineOf(o.line, 'Sublist.setSublistValue');
        if (!s.fields.some((x) => x.id === id)) throw sandboxError(CODES.badId, `Sublist.setSublistValue: sublist ${s.id} has no field ${id}; add it with Sublist.addField first.`);
        while (s.lines.length <= line) s.lines.push({});
        s.lines[line][id] = o.value == null ? '' : String(o.value);
      },
      getSublistValue(/** @type {any[]} */ ...a) {
        const o = options(a, ['id', 'line']);
        const id = String(required(o, 'id', 'Sublist.getSublistValue'));
        if (o.line == null) throw missing('Sublist.getSublistValue', 'line');
        const row = s.lines[lineOf(o.line, 'Sublist.getSublistValue')];
        return row && id in row ? row[id] : null;
      },
      addButton(/** @type {any[]} */ ...a) {
        const o = options(a, ['id', 'label', 'functionName']);
        const b = { kind: /** @type {const} */ ('button'), id: idOf(o, 'Sublist.addButton'), label: String(required(o, 'label', 'Sublist.addButton')),
          functionName: o.functionName ? String(o.functionName) : null, isDisabled: false, isHidden: false };
        s.buttons.push(b);
        return buttonFace(b);
      },
      toString: () => 'serverWidget.Sublist',
    };
    readOnly(target, { lineCount: () => s.lines.length, id: () => s.id });
    props(target, s, ['label', 'helpText', 'displayType']);
    face = hostObject(realm, 'serverWidget.Sublist', target);
    s.face = face;
    return face;
  }

  /** @param {TabModel} t */
  function tabFace(t) {
    t.face = hostObject(realm, 'serverWidget.Tab', props({ toString: () => 'serverWidget.Tab' }, t, ['label', 'helpText']));
    return t.face;
  }

  return {
    FieldType, FieldDisplayType, FieldLayoutType, FieldBreakType, SublistType, SublistDisplayType, FormPageLinkType,
    LayoutJustification, ListStyle, AssistantSubmitAction,
    ...unsupportedFunctions('N/ui/serverWidget', ['createAssistant', 'createList']),
    createForm(/** @type {any[]} */ ...args) {
      const o = options(args, ['title', 'hideNavBar']);
      /** @type {FormModel} */
      const m = { title: String(required(o, 'title', 'serverWidget.createForm')), hideNavBar: !!o.hideNavBar, clientScriptModulePath: null,
        fields: [], groups: [], tabs: [], sublists: [], buttons: [], links: [] };
      /** @param {string | null} id @param {string} where @param {{ groups?: boolean }} [w] */
      const checkContainer = (id, where, w = {}) => {
        if (id && !m.tabs.some((t) => t.id === id) && !(w.groups && m.groups.some((g) => g.id === id))) {
          throw sandboxError(CODES.badId, `${where}: there is no ${w.groups ? 'field group, tab or subtab' : 'tab or subtab'} ${id} on this form; add it first.`);
        }
      };
      /** @param {string} id @param {string} where */
      const unique = (id, where) => {
        if ([...m.fields, ...m.groups, ...m.tabs, ...m.sublists].some((x) => x.id === id)) throw sandboxError(CODES.badId, `${where}: this form already has an element with id ${id}.`);
      };
      /** @param {'submit' | 'reset' | 'button'} kind @param {string} id @param {string} label @param {string | null} functionName */
      const addButton = (kind, id, label, functionName) => {
        if (m.buttons.some((b) => b.id === id)) throw sandboxError(CODES.badId, `Form: this form already has a button ${id}.`);
        const b = { kind, id, label, functionName, isDisabled: false, isHidden: false };
        m.buttons.push(b);
        return buttonFace(b);
      };
      const target = {
        addField(/** @type {any[]} */ ...a) {
          const f = newField(options(a, ['id', 'label', 'type', 'source', 'container']), 'Form.addField');
          unique(f.id, 'Form.addField');
          checkContainer(f.container, 'Form.addField', { groups: true });
          m.fields.push(f);
          return fieldFace(f, 'serverWidget.Field');
        },
        addFieldGroup(/** @type {any[]} */ ...a) {
          const o = options(a, ['id', 'label', 'tab']);
          const g = { id: idOf(o, 'Form.addFieldGroup'), label: String(required(o, 'label', 'Form.addFieldGroup')), tab: o.tab ? String(o.tab) : null,
            isBorderHidden: false, isCollapsible: false, isCollapsed: false, isSingleColumn: false };
          unique(g.id, 'Form.addFieldGroup');
          checkContainer(g.tab, 'Form.addFieldGroup');
          m.groups.push(g);
          return hostObject(realm, 'serverWidget.FieldGroup', props({ toString: () => 'serverWidget.FieldGroup' }, g, ['label', 'isBorderHidden', 'isCollapsible', 'isCollapsed', 'isSingleColumn']));
        },
        addTab(/** @type {any[]} */ ...a) {
          const o = options(a, ['id', 'label']);
          const t = { id: idOf(o, 'Form.addTab'), label: String(required(o, 'label', 'Form.addTab')), parent: null, helpText: '' };
          unique(t.id, 'Form.addTab');
          m.tabs.push(t);
          return tabFace(t);
        },
        addSubtab(/** @type {any[]} */ ...a) {
          const o = options(a, ['id', 'label', 'tab']);
          const t = { id: idOf(o, 'Form.addSubtab'), label: String(required(o, 'label', 'Form.addSubtab')), parent: o.tab ? String(o.tab) : null, helpText: '' };
          unique(t.id, 'Form.addSubtab');
          checkContainer(t.parent, 'Form.addSubtab');
          m.tabs.push(t);
          return tabFace(t);
        },
        addSublist(/** @type {any[]} */ ...a) {
          const o = options(a, ['id', 'label', 'type', 'tab']);
          const id = idOf(o, 'Form.addSublist');
          const label = String(required(o, 'label', 'Form.addSublist'));
          const type = enumValue(SublistType, 'SublistType', required(o, 'type', 'Form.addSublist'), 'Form.addSublist');
          unique(id, 'Form.addSublist');
          const tab = o.tab ? String(o.tab) : null;
          checkContainer(tab, 'Form.addSublist');
          /** @type {SublistModel} */
          const s = { id, label, type, tab, fields: [], lines: [], buttons: [], helpText: '', displayType: 'NORMAL' };
          m.sublists.push(s);
          return sublistFace(s);
        },
        addSubmitButton(/** @type {any[]} */ ...a) {
          // NetSuite's submit button is "submitter"; its label defaults to Save.
          return addButton('submit', 'submitter', a.length ? String(options(a, ['label']).label ?? 'Save') : 'Save', null);
        },
        addResetButton(/** @type {any[]} */ ...a) {
          return addButton('reset', 'resetter', a.length ? String(options(a, ['label']).label ?? 'Reset') : 'Reset', null);
        },
        addButton(/** @type {any[]} */ ...a) {
          const o = options(a, ['id', 'label', 'functionName']);
          return addButton('button', idOf(o, 'Form.addButton'), String(required(o, 'label', 'Form.addButton')), o.functionName ? String(o.functionName) : null);
        },
        addPageLink(/** @type {any[]} */ ...a) {
          const o = options(a, ['type', 'title', 'url']);
          const type = enumValue(FormPageLinkType, 'FormPageLinkType', required(o, 'type', 'Form.addPageLink'), 'Form.addPageLink');
          m.links.push({ type, title: String(required(o, 'title', 'Form.addPageLink')), url: String(required(o, 'url', 'Form.addPageLink')) });
        },
        getField(/** @type {any[]} */ ...a) {
          const id = String(required(options(a, ['id']), 'id', 'Form.getField'));
          return m.fields.find((f) => f.id === id)?.face ?? null;
        },
        getSublist(/** @type {any[]} */ ...a) {
          const id = String(required(options(a, ['id']), 'id', 'Form.getSublist'));
          return m.sublists.find((s) => s.id === id)?.face ?? null;
        },
        getButton(/** @type {any[]} */ ...a) {
          const id = String(required(options(a, ['id']), 'id', 'Form.getButton'));
          return m.buttons.find((b) => b.id === id)?.face ?? null;
        },
        getTab(/** @type {any[]} */ ...a) {
          const id = String(required(options(a, ['id']), 'id', 'Form.getTab'));
          return m.tabs.find((t) => t.id === id && !t.parent)?.face ?? null;
        },
        getSubtab(/** @type {any[]} */ ...a) {
          const id = String(required(options(a, ['id']), 'id', 'Form.getSubtab'));
          return m.tabs.find((t) => t.id === id && t.parent)?.face ?? null;
        },
        getTabs: () => realm.copy(m.tabs.filter((t) => !t.parent).map((t) => t.id)),
        removeButton(/** @type {any[]} */ ...a) {
          const id = String(required(options(a, ['id']), 'id', 'Form.removeButton'));
          m.buttons = m.buttons.filter((b) => b.id !== id);
        },
        updateDefaultValues(/** @type {any[]} */ ...a) {
          const values = a[0];
          if (!values || typeof values !== 'object') throw missing('Form.updateDefaultValues', 'values');
          for (const [id, v] of Object.entries(values)) {
            const f = m.fields.find((x) => x.id === id);
            if (f) f.defaultValue = v;
          }
        },
        toString: () => 'serverWidget.Form',
      };
      // clientScriptModulePath is kept but not run: the sandbox runs no client scripts.
      props(target, m, ['title', 'clientScriptModulePath']);
      Object.defineProperty(target, 'clientScriptFileId', { enumerable: true, configurable: true, get: () => null, set: () => { /* not run either */ } });
      const face = hostObject(realm, 'serverWidget.Form', target);
      formModels.set(face, m);
      return face;
    },
  };
};
module.exports.formModels = formModels;
module.exports.FieldType = FieldType;
