/**
 * Errors the sandbox raises where NetSuite raises them: a name (NetSuite's error code) and a message.
 * Inside a script they surface as SuiteScriptError objects (see runtime/realm).
 */
export class SandboxError extends Error {
  /** NetSuite's code, the same as name: REST bodies and logs read it from here. */
  readonly code: string;

  constructor(name: string, message: string) {
    super(message);
    this.name = name;
    this.code = name;
  }
}

export const sandboxError = (name: string, message: string): SandboxError => new SandboxError(name, message);
