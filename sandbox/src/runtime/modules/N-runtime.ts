/** N/runtime: the running script, its parameters and remaining usage, the user and role, features. */
import { options, required } from '../expose';
import type { Invocation } from '../invocation';
import { unsupportedProperties } from '../unsupported';

// The account's country: the sandbox keeps no company information to read it from.
unsupportedProperties('N/runtime', ['country']);

const ContextType = Object.fromEntries(['USER_INTERFACE', 'MAP_REDUCE', 'CSV_IMPORT', 'REST_WEBSERVICES', 'WEBSERVICES', 'SCHEDULED', 'RESTLET', 'SUITELET', 'WORKFLOW', 'USEREVENT', 'CLIENT', 'PORTLET', 'ACTION', 'BUNDLE_INSTALLATION', 'CUSTOM_MASSUPDATE', 'DEBUGGER', 'EMAIL_CAPTURE', 'PAYMENT_POSTBACK', 'SHOPPING_CART', 'WEBSTORE', 'WEBAPPLICATION', 'SDF_INSTALLATION']
  .map((k) => [k, k.replace(/_/g, '')]));
const Permission = { NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 };

function createRuntime(inv: Invocation) {
  const eng = inv.engine;
  const params = inv.script ? inv.script.parameters : [];
  const values = inv.deployment ? inv.deployment.parameters || {} : {};
  const user = eng.userInfo(inv.user, inv.userRole);
  const script = {
    id: inv.script ? inv.script.scriptid : '',
    deploymentId: inv.deployment ? inv.deployment.scriptid : '',
    apiVersion: '2.1',
    logLevel: inv.deployment ? String(inv.deployment.loglevel || 'DEBUG') : 'DEBUG',
    bundleIds: [] as string[],
    percentComplete: 0,
    getParameter(...args: unknown[]): string | number | boolean | null {
      const name = String(required(options(args, ['name']), 'name', 'Script.getParameter')).toLowerCase();
      const p = params.find((x) => x.id.toLowerCase() === name);
      if (!p) return null;
      // Deployment values and submit() params: text from the XML, or JSON scalars from a task submit.
      const raw = (values[p.id] !== undefined ? values[p.id] : p.defaultvalue) as ParameterRaw;
      return parameterValue(String(p.fieldtype || 'TEXT').toUpperCase(), raw);
    },
    getRemainingUsage: () => inv.meter.remaining(),
  };
  const currentUser = {
    id: user.id, name: user.name, email: user.email, role: user.role, roleId: user.roleId, roleCenter: 'BASIC',
    subsidiary: user.subsidiary, department: user.department, location: user.location, contact: 0,
    getPermission(...args: unknown[]): number {
      return eng.permissionLevel(inv.role, String(required(options(args, ['name']), 'name', 'User.getPermission')));
    },
    getPreference(...args: unknown[]): string | null {
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
    isFeatureInEffect(...args: unknown[]): boolean {
      return eng.featureEnabled(String(required(options(args, ['feature']), 'feature', 'runtime.isFeatureInEffect')));
    },
  };
}

/** Script parameter values come back typed by the parameter's field type. */
type ParameterRaw = string | number | boolean | null | undefined;

function parameterValue(type: string, raw: ParameterRaw): string | number | boolean | null {
  if (type === 'CHECKBOX') return raw === true || raw === 'T';
  if (raw === undefined || raw === null || raw === '') return type === 'CHECKBOX' ? false : null;
  if (type === 'INTEGER' || type === 'FLOAT' || type === 'PERCENT' || type === 'CURRENCY') return Number(raw);
  return String(raw);
}

export = createRuntime;
