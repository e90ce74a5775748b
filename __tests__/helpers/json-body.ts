/**
 * A fetch response's body parsed as JSON, as the shape the caller names (the bundle's own types where it has
 * them, e.g. src/access/report-json.ts). Not checked at run time: the test's assertions are the check.
 */
export const jsonBody = <T>(res: Response): Promise<T> => res.json() as Promise<T>;
