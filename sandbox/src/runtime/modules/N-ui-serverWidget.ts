/**
 * N/ui/serverWidget: the forms a Suitelet builds (fields, field groups, tabs, sublists, buttons, page links).
 * The script holds guarded faces; the model behind each Form is what ServerResponse.writePage renders
 * (sandbox/src/ui/form-page.ts). No governance units. Arguments are checked as NetSuite documents them: a
 * missing required option is SSS_MISSING_REQD_ARGUMENT, a bad enum value or id fails with what to write.
 * Not provided (fail loudly by name): createList, createAssistant, credential and secret key fields,
 * insertField/insertSublist/insertTab, page init messages, RADIO/FILE/IMAGE fields.
 */
import { options, required, hostObject, type ScriptOptions } from '../expose';
import { sandboxError } from '../../errors';
import { unsupportedFunctions } from '../unsupported';
import type { Invocation } from '../invocation';
import type { ButtonModel, FieldModel, FormModel, GroupModel, SelectOption, SublistModel, TabModel } from '../../ui/form-model';
import { asText as text } from '../../text';

const enumOf = (keys: string[]): Readonly<Record<string, string>> => Object.freeze(Object.fromEntries(keys.map((k) => [k, k])));

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
 * Error codes for mistakes NetSuite documents without a code, kept in one place. Assumed (FIDELITY.md,
 * N/ui/serverWidget: "Error codes for undocumented mistakes"). (SSS_INVALID_TYPE_ARG is the documented code
 * for a non-string help text.)
 */
const CODES = { badValue: 'SSS_INVALID_TYPE_ARG', badId: 'INVALID_ID', badUse: 'SSS_INVALID_API_USAGE' };

/** The model behind each Form face a script holds: what ServerResponse.writePage renders. */
const formModels = new WeakMap<object, FormModel>();

const missing = (where: string, name: string) => sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: ${name}`);

/**
 * An enum value, accepted in any case as NetSuite accepts 'text' for FieldType.TEXT.
 */
function enumValue(e: Readonly<Record<string, string>>, enumName: string, v: unknown, where: string): string {
  const key = text(v).toUpperCase();
  if (!(key in e)) throw sandboxError(CODES.badValue, `${where}: ${JSON.stringify(v)} is not a ${enumName} value; use serverWidget.${enumName} (${Object.keys(e).join(', ')}).`);
  return key;
}

function idOf(o: ScriptOptions, where: string): string {
  const id = text(required(o, 'id', where));
  if (!ID_RE.test(id)) throw sandboxError(CODES.badId, `${where}: id ${JSON.stringify(id)} must be lowercase letters, digits and underscores, starting with a letter (e.g. custpage_role).`);
  return id;
}

function stringOption(o: ScriptOptions, name: string, where: string): string {
  const v: unknown = required(o, name, where);
  if (typeof v !== 'string') throw sandboxError(CODES.badValue, `${where}: ${name} must be a string, not ${typeof v}.`);
  return v;
}

function createServerWidget(inv: Invocation) {
  const realm = inv.realm;

  /** Plain read/write properties on a face, backed by the model. */
  function props<T extends object, M extends object>(target: T, model: M, names: Array<keyof M & string>): T {
    for (const n of names) Object.defineProperty(target, n, { enumerable: true, configurable: true, get: () => model[n], set: (v: M[typeof n]) => { model[n] = v; } });
    return target;
  }
  function readOnly<T extends object>(target: T, getters: Record<string, () => unknown>): T {
    for (const [n, get] of Object.entries(getters)) {
      Object.defineProperty(target, n, { enumerable: true, configurable: true, get, set: () => { throw sandboxError('READ_ONLY_PROPERTY', `${n} is read-only.`); } });
    }
    return target;
  }

  function fieldFace(f: FieldModel, typeName: string): object {
    let face: object | null = null;
    const target = {
      addSelectOption(...a: unknown[]) {
        const o = options(a, ['value', 'text', 'isSelected']);
        // A blank option ({ value: '', text: '' }) is common: only undefined and null are missing.
        if (o.value == null) throw missing('Field.addSelectOption', 'value');
        if (o.text == null) throw missing('Field.addSelectOption', 'text');
        if (f.type !== 'SELECT' && f.type !== 'MULTISELECT') throw sandboxError(CODES.badUse, `Field.addSelectOption: ${f.id} is a ${f.type} field; only SELECT and MULTISELECT fields have options.`);
        if (f.source) throw sandboxError(CODES.badUse, `Field.addSelectOption: ${f.id} takes its options from its source (${f.source}); options cannot be added to it.`);
        f.options.push({ value: text(o.value), text: text(o.text), isSelected: !!o.isSelected });
      },
      getSelectOptions(...a: unknown[]) {
        const o = options(a, ['filter', 'filteroperator']);
        const filter = o.filter == null ? '' : text(o.filter).toLowerCase();
        const op = text(o.filteroperator || 'contains').toLowerCase();
        const keep = (s: SelectOption) => {
          const t = s.text.toLowerCase();
          return !filter || (op === 'is' ? t === filter : op === 'startswith' ? t.startsWith(filter) : t.includes(filter));
        };
        return realm.copy(f.options.filter(keep).slice(0, 1000).map((s) => ({ value: s.value, text: s.text })));
      },
      setHelpText(...a: unknown[]) {
        f.helpText = stringOption(options(a, ['help', 'showInlineForAssistant']), 'help', 'Field.setHelpText');
        return face;
      },
      updateDisplayType(...a: unknown[]) {
        f.displayType = enumValue(FieldDisplayType, 'FieldDisplayType', required(options(a, ['displayType']), 'displayType', 'Field.updateDisplayType'), 'Field.updateDisplayType');
        return face;
      },
      updateLayoutType(...a: unknown[]) {
        f.layoutType = enumValue(FieldLayoutType, 'FieldLayoutType', required(options(a, ['layoutType']), 'layoutType', 'Field.updateLayoutType'), 'Field.updateLayoutType');
        return face;
      },
      updateBreakType(...a: unknown[]) {
        f.breakType = enumValue(FieldBreakType, 'FieldBreakType', required(options(a, ['breakType']), 'breakType', 'Field.updateBreakType'), 'Field.updateBreakType');
        return face;
      },
      updateDisplaySize(...a: unknown[]) {
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

  function newField(o: ScriptOptions, where: string, w: { onSublist?: boolean } = {}): FieldModel {
    const id = idOf(o, where);
    const label = text(required(o, 'label', where));
    const type = enumValue(FieldType, 'FieldType', required(o, 'type', where), where);
    // Oracle: "The DATETIME field type is not supported with addField methods, you must specify DATETIMETZ."
    if (type === 'DATETIME') throw sandboxError(CODES.badValue, `${where}: FieldType.DATETIME is not supported by addField; use FieldType.DATETIMETZ.`);
    if (UNSUPPORTED_TYPES.has(type)) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `${where}: FieldType.${type} fields are not provided by the sandbox account.`);
    if (w.onSublist && NOT_ON_SUBLISTS.has(type)) throw sandboxError(CODES.badValue, `${where}: FieldType.${type} is not supported on sublists.`);
    return {
      id, label, type, source: o.source == null || o.source === '' ? null : text(o.source), container: o.container ? text(o.container) : null,
      displayType: 'NORMAL', layoutType: 'NORMAL', breakType: 'NONE', defaultValue: null, isMandatory: false, maxLength: null,
      helpText: '', linkText: '', padding: 0, alias: id, options: [],
    };
  }

  function buttonFace(b: ButtonModel): object {
    const target = props({ toString: () => 'serverWidget.Button' }, b, ['label', 'isDisabled', 'isHidden']);
    const face = hostObject(realm, 'serverWidget.Button', target);
    b.face = face;
    return face;
  }

  function sublistFace(s: SublistModel): object {
    let face: object | null = null;
    const lineOf = (line: unknown, where: string): number => {
      const n = typeof line === 'string' && line.trim() !== '' ? Number(line) : line;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw sandboxError(CODES.badValue, `${where}: line must be a whole number from 0, not ${JSON.stringify(line)}.`);
      return n;
    };
    const target = {
      addField(...a: unknown[]) {
        const o = options(a, ['id', 'label', 'type', 'source', 'container']);
        const f = newField(o, 'Sublist.addField', { onSublist: true });
        if (s.fields.some((x) => x.id === f.id)) throw sandboxError(CODES.badId, `Sublist.addField: sublist ${s.id} already has a field ${f.id}.`);
        s.fields.push(f);
        return fieldFace(f, 'serverWidget.Field');
      },
      getField(...a: unknown[]) {
        const id = text(required(options(a, ['id']), 'id', 'Sublist.getField'));
        return s.fields.find((x) => x.id === id)?.face ?? null;
      },
      setSublistValue(...a: unknown[]) {
        const o = options(a, ['id', 'line', 'value']);
        const id = text(required(o, 'id', 'Sublist.setSublistValue'));
        if (o.line == null) throw missing('Sublist.setSublistValue', 'line');
        const line = lineOf(o.line, 'Sublist.setSublistValue');
        if (!s.fields.some((x) => x.id === id)) throw sandboxError(CODES.badId, `Sublist.setSublistValue: sublist ${s.id} has no field ${id}; add it with Sublist.addField first.`);
        while (s.lines.length <= line) s.lines.push({});
        s.lines[line][id] = o.value == null ? '' : text(o.value);
      },
      getSublistValue(...a: unknown[]) {
        const o = options(a, ['id', 'line']);
        const id = text(required(o, 'id', 'Sublist.getSublistValue'));
        if (o.line == null) throw missing('Sublist.getSublistValue', 'line');
        const row = s.lines[lineOf(o.line, 'Sublist.getSublistValue')];
        return row && id in row ? row[id] : null;
      },
      addButton(...a: unknown[]) {
        const o = options(a, ['id', 'label', 'functionName']);
        const b: ButtonModel = { kind: 'button', id: idOf(o, 'Sublist.addButton'), label: text(required(o, 'label', 'Sublist.addButton')),
          functionName: o.functionName ? text(o.functionName) : null, isDisabled: false, isHidden: false };
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

  function tabFace(t: TabModel): object {
    const face = hostObject(realm, 'serverWidget.Tab', props({ toString: () => 'serverWidget.Tab' }, t, ['label', 'helpText']));
    t.face = face;
    return face;
  }

  return {
    FieldType, FieldDisplayType, FieldLayoutType, FieldBreakType, SublistType, SublistDisplayType, FormPageLinkType,
    LayoutJustification, ListStyle, AssistantSubmitAction,
    ...unsupportedFunctions('N/ui/serverWidget', ['createAssistant', 'createList']),
    createForm(...args: unknown[]) {
      const o = options(args, ['title', 'hideNavBar']);
      const m: FormModel = { title: text(required(o, 'title', 'serverWidget.createForm')), hideNavBar: !!o.hideNavBar, clientScriptModulePath: null,
        fields: [], groups: [], tabs: [], sublists: [], buttons: [], links: [] };
      const checkContainer = (id: string | null, where: string, w: { groups?: boolean } = {}) => {
        if (id && !m.tabs.some((t) => t.id === id) && !(w.groups && m.groups.some((g) => g.id === id))) {
          throw sandboxError(CODES.badId, `${where}: there is no ${w.groups ? 'field group, tab or subtab' : 'tab or subtab'} ${id} on this form; add it first.`);
        }
      };
      const unique = (id: string, where: string) => {
        if ([...m.fields, ...m.groups, ...m.tabs, ...m.sublists].some((x) => x.id === id)) throw sandboxError(CODES.badId, `${where}: this form already has an element with id ${id}.`);
      };
      const addButton = (kind: ButtonModel['kind'], id: string, label: string, functionName: string | null) => {
        if (m.buttons.some((b) => b.id === id)) throw sandboxError(CODES.badId, `Form: this form already has a button ${id}.`);
        const b: ButtonModel = { kind, id, label, functionName, isDisabled: false, isHidden: false };
        m.buttons.push(b);
        return buttonFace(b);
      };
      const target = {
        addField(...a: unknown[]) {
          const f = newField(options(a, ['id', 'label', 'type', 'source', 'container']), 'Form.addField');
          unique(f.id, 'Form.addField');
          checkContainer(f.container, 'Form.addField', { groups: true });
          m.fields.push(f);
          return fieldFace(f, 'serverWidget.Field');
        },
        addFieldGroup(...a: unknown[]) {
          const o = options(a, ['id', 'label', 'tab']);
          const g: GroupModel = { id: idOf(o, 'Form.addFieldGroup'), label: text(required(o, 'label', 'Form.addFieldGroup')), tab: o.tab ? text(o.tab) : null,
            isBorderHidden: false, isCollapsible: false, isCollapsed: false, isSingleColumn: false };
          unique(g.id, 'Form.addFieldGroup');
          checkContainer(g.tab, 'Form.addFieldGroup');
          m.groups.push(g);
          return hostObject(realm, 'serverWidget.FieldGroup', props({ toString: () => 'serverWidget.FieldGroup' }, g, ['label', 'isBorderHidden', 'isCollapsible', 'isCollapsed', 'isSingleColumn']));
        },
        addTab(...a: unknown[]) {
          const o = options(a, ['id', 'label']);
          const t: TabModel = { id: idOf(o, 'Form.addTab'), label: text(required(o, 'label', 'Form.addTab')), parent: null, helpText: '' };
          unique(t.id, 'Form.addTab');
          m.tabs.push(t);
          return tabFace(t);
        },
        addSubtab(...a: unknown[]) {
          const o = options(a, ['id', 'label', 'tab']);
          const t: TabModel = { id: idOf(o, 'Form.addSubtab'), label: text(required(o, 'label', 'Form.addSubtab')), parent: o.tab ? text(o.tab) : null, helpText: '' };
          unique(t.id, 'Form.addSubtab');
          checkContainer(t.parent, 'Form.addSubtab');
          m.tabs.push(t);
          return tabFace(t);
        },
        addSublist(...a: unknown[]) {
          const o = options(a, ['id', 'label', 'type', 'tab']);
          const id = idOf(o, 'Form.addSublist');
          const label = text(required(o, 'label', 'Form.addSublist'));
          const type = enumValue(SublistType, 'SublistType', required(o, 'type', 'Form.addSublist'), 'Form.addSublist');
          unique(id, 'Form.addSublist');
          const tab = o.tab ? text(o.tab) : null;
          checkContainer(tab, 'Form.addSublist');
          const s: SublistModel = { id, label, type, tab, fields: [], lines: [], buttons: [], helpText: '', displayType: 'NORMAL' };
          m.sublists.push(s);
          return sublistFace(s);
        },
        addSubmitButton(...a: unknown[]) {
          // NetSuite's submit button is "submitter"; its label defaults to Save.
          return addButton('submit', 'submitter', a.length ? text(options(a, ['label']).label ?? 'Save') : 'Save', null);
        },
        addResetButton(...a: unknown[]) {
          return addButton('reset', 'resetter', a.length ? text(options(a, ['label']).label ?? 'Reset') : 'Reset', null);
        },
        addButton(...a: unknown[]) {
          const o = options(a, ['id', 'label', 'functionName']);
          return addButton('button', idOf(o, 'Form.addButton'), text(required(o, 'label', 'Form.addButton')), o.functionName ? text(o.functionName) : null);
        },
        addPageLink(...a: unknown[]) {
          const o = options(a, ['type', 'title', 'url']);
          const type = enumValue(FormPageLinkType, 'FormPageLinkType', required(o, 'type', 'Form.addPageLink'), 'Form.addPageLink');
          m.links.push({ type, title: text(required(o, 'title', 'Form.addPageLink')), url: text(required(o, 'url', 'Form.addPageLink')) });
        },
        getField(...a: unknown[]) {
          const id = text(required(options(a, ['id']), 'id', 'Form.getField'));
          return m.fields.find((f) => f.id === id)?.face ?? null;
        },
        getSublist(...a: unknown[]) {
          const id = text(required(options(a, ['id']), 'id', 'Form.getSublist'));
          return m.sublists.find((s) => s.id === id)?.face ?? null;
        },
        getButton(...a: unknown[]) {
          const id = text(required(options(a, ['id']), 'id', 'Form.getButton'));
          return m.buttons.find((b) => b.id === id)?.face ?? null;
        },
        getTab(...a: unknown[]) {
          const id = text(required(options(a, ['id']), 'id', 'Form.getTab'));
          return m.tabs.find((t) => t.id === id && !t.parent)?.face ?? null;
        },
        getSubtab(...a: unknown[]) {
          const id = text(required(options(a, ['id']), 'id', 'Form.getSubtab'));
          return m.tabs.find((t) => t.id === id && t.parent)?.face ?? null;
        },
        getTabs: () => realm.copy(m.tabs.filter((t) => !t.parent).map((t) => t.id)),
        removeButton(...a: unknown[]) {
          const id = text(required(options(a, ['id']), 'id', 'Form.removeButton'));
          m.buttons = m.buttons.filter((b) => b.id !== id);
        },
        updateDefaultValues(...a: unknown[]) {
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
}

createServerWidget.formModels = formModels;
createServerWidget.FieldType = FieldType;

export = createServerWidget;
