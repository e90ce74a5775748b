/**
 * A fetch response's body parsed as JSON. Typed loosely on purpose: the test's assertions are the check on its
 * shape (see the tests' section of eslint.config.js).
 */
export const jsonBody = (res: Response): Promise<any> => res.json();
