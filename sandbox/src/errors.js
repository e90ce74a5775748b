// @ts-check
'use strict';
/**
 * Errors the sandbox raises where NetSuite raises them: a name (NetSuite's error code) and a message.
 * Inside a script they surface as SuiteScriptError objects (see runtime/realm.js).
 */
class SandboxError extends Error {
  /** @param {string} name @param {string} message */
  constructor(name, message) {
    super(message);
    this.name = name;
    /** NetSuite's code, the same as name: REST bodies and logs read it from here. */
    this.code = name;
  }
}

/** @param {string} name @param {string} message */
const sandboxError = (name, message) => new SandboxError(name, message);

module.exports = { SandboxError, sandboxError };
