// @ts-check
'use strict';
/** N/runtime: the running script, its parameters and remaining usage, the user and role, features. */
const { options, required } = require('../expose');
const { unsupportedProperties } = require('../unsupported');

// The account's country: the sandbox keeps no company information to read it from.
unsupportedProperties('N/runtime', ['country']);

const ContextType = Object.fromEntries(['USER_INTERFACE', 'MAP_REDUCE', 'CSV_IMPORT', 'REST_WEBSERVICES', 'WEBSERVICES', 'SCHEDULED', 'RESTLET', 'SUITELET', 'WORKFLOW', 'USEREVENT', 'CLIENT', 'PORTLET', 'ACTION', 'BUNDLE_INSTALLATION', 'CUSTOM_MASSUPDATE', 'DEBUGGER', 'EMAIL_CAPTURE', 'PAYMENT_POSTBACK', 'SHOPPING_CART', 'WEBSTORE', 'WEBAPPLICATION', 'SDF_INSTALLATION']
  .map((k) => [k, k.replace(/_/g, '')]));
const Permission = { NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 };

/** @param {import('../invocation').Invocation} inv */
module.exports = function createRuntime(inv) {
  const eng = inv.engine;
  const params = inv.script ? inv.script.parameters : [];
  const values = inv.deployment ? inv.deployment.parameters || {} : {};
  const user = eng.userInfo(inv.user, inv.userRole);
  const script = {
    id: inv.script ? inv.script.scriptid : '',
    deploymentId: inv.deployment ? inv.deployment.scriptid : '',
    apiVersion: '2.1',
    logLevel: inv.deployment ? String(inv.deployment.loglevel || 'DEBUG') : 'DEBUG',
    bundleIds: [],
    percentComplete: 0,
    getParameter(/** @type {any[]} */ ...args) {
      const name = String(required(options(args, ['name']), 'name', 'Script.getParameter')).toLowerCase();
      const p = params.find((x) => x.id.toLowerCase() === name);
      if (!p) return null;
      const raw = values[p.id] !== undefined ? values[p.id] : p.defaultvalue;
      return parameterValue(String(p.fieldtype || 'TEXT').toUpperCase(), raw);
    },
    getRemainingUsage: () => inv.meter.remaining(),
  };
  const currentUser = {
    id: user.id, name: user.name, email: user.email, role: user.role, roleId: user.roleId, roleCenter: 'BASIC',
    subsidiary: user.subsidiary, department: user.department, location: user.location, contact: 0,
    getPermission(/** @type {any[]} */ ...args) {
      return eng.permissionLevel(inv.role, String(required(options(args, ['name']), 'name', 'User.getPermission')));
    },
    getPreference(/** @type {any[]} */ ...args) {
      const name = String(options(args, ['name']).name || '').toUpperCase();
      return name === 'DATEFORMAT' ? eng.settings.dateFormat : name === 'TIMEZONE' ? eng.settings.timeZone : null;
    },
  };
  return {
    executionContext: inv.executionContext,
    ContextType,
    Permission,
    EnvType: { SANDBOX: 'SANDBOX', PRODUCTION: 'PRODUCTION', BETA: 'BETA', INTERNAL: 'INTERNAL' },
    envType: 'SANDBOX',
    accountId: eng.settings.accountId,
    version: '2026.2',
    queueCount: 1,
    processorCount: 2,
    getCurrentScript: () => script,
    getCurrentUser: () => currentUser,
    getCurrentSession: () => ({ get: () => null, set: () => undefined }),
    isFeatureInEffect(/** @type {any[]} */ ...args) {
      return eng.featureEnabled(String(required(options(args, ['feature']), 'feature', 'runtime.isFeatureInEffect')));
    },
  };
};

/** Script parameter values come back typed by the parameter's field type. @param {string} type @param {any} raw */
function parameterValue(type, raw) {
  if (type === 'CHECKBOX') return raw === true || raw === 'T';
  if (raw === undefined || raw === null || raw === '') return type === 'CHECKBOX' ? false : null;
  if (type === 'INTEGER' || type === 'FLOAT' || type === 'PERCENT' || type === 'CURRENCY') return Number(raw);
  return String(raw);
}

module.exports.ContextType = ContextType;
module.exports.Permission = Permission;
