/**
 * A value of any type as text, the way String() prints it (an object prints as [object Object], as in
 * NetSuite's messages). For values that are knowingly anything (what a script passed, XML text, a query
 * parameter): one named place instead of a String() the lint would question at each use.
 */
export const asText = (v: unknown): string => String(v);
