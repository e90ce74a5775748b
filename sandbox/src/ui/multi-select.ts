/**
 * NetSuite joins the values of a repeated request parameter (a multi-select) with this character, in what a
 * Suitelet reads and in what its forms post. Shared by the HTTP side (http/body) and the form pages (ui/).
 */
export const MULTI_SEPARATOR = '\u0005';
