/**
 * The model behind a serverWidget Form: what a Suitelet builds with N/ui/serverWidget
 * (runtime/modules/N-ui-serverWidget) and what ServerResponse.writePage renders (ui/form-page).
 * `face` is the guarded object the script holds for that element.
 */
export interface SelectOption { value: string, text: string, isSelected: boolean }

export interface FieldModel {
  id: string, label: string, type: string, source: string | null, container: string | null,
  displayType: string, layoutType: string, breakType: string,
  /** what the script set: text, a number, a date, a checkbox's boolean, a multi-select's list */
  defaultValue: unknown,
  isMandatory: boolean, maxLength: number | null, helpText: string, linkText: string, padding: number, alias: string,
  options: SelectOption[], face?: object,
}

export interface GroupModel {
  id: string, label: string, tab: string | null, isBorderHidden: boolean, isCollapsible: boolean,
  isCollapsed: boolean, isSingleColumn: boolean,
}

export interface TabModel { id: string, label: string, parent: string | null, helpText: string, face?: object }

export interface ButtonModel {
  kind: 'submit' | 'reset' | 'button', id: string, label: string, functionName: string | null,
  isDisabled: boolean, isHidden: boolean, face?: object,
}

export interface SublistModel {
  id: string, label: string, type: string, tab: string | null, fields: FieldModel[],
  lines: Array<Record<string, string>>, buttons: ButtonModel[], helpText: string, displayType: string, face?: object,
}

export interface FormModel {
  title: string, hideNavBar: boolean, clientScriptModulePath: string | null, fields: FieldModel[],
  groups: GroupModel[], tabs: TabModel[], sublists: SublistModel[], buttons: ButtonModel[],
  links: Array<{ type: string, title: string, url: string }>,
}
