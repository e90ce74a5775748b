// @ts-check
'use strict';
/**
 * eslint-plugin-suitescript on what deploys: the compiled AMD modules in FileCabinet (run after the build).
 * Version 1.4.1 (3.x cannot be installed from the registry here); its rules work under ESLint 9 when the
 * plugin object is given directly. Left out: `entry-points`, which looks for `return { … }` from the define
 * callback, while TypeScript's AMD output assigns `exports.onRequest = …` (NetSuite accepts both; the
 * sandbox runs every entry point in the tests). Inline directives are ignored (`--no-inline-config` in
 * package.json's lint): the ones in the output are typescript-eslint's, already checked on src/.
 */
const suitescript = require('eslint-plugin-suitescript');

module.exports = [
  {
    files: ['FileCabinet/SuiteScripts/employee_lifecycle/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'script', globals: { define: 'readonly', log: 'readonly', util: 'readonly' } },
    plugins: { suitescript },
    rules: {
      'suitescript/api-version': 'error',
      'suitescript/script-type': 'error',
      'suitescript/log-args': 'error',
      'suitescript/module-vars': 'error',
      'suitescript/no-amd-name': 'error',
      'suitescript/no-extra-modules': 'error',
      'suitescript/no-invalid-modules': 'error',
      'suitescript/no-log-module': 'error',
      'suitescript/no-module-extensions': 'error',
      'no-undef': 'error',
    },
  },
];
