// @ts-check
'use strict';
/** N/query: SuiteQL with ? binds, runSuiteQL and runSuiteQLPaged (10 units per run and per page fetch). */
const { options, required, guard } = require('../expose');
const { UNITS } = require('../governance');
const { tableAccess } = require('../table-access');
const { unsupportedFunctions, partialEnum } = require('../unsupported');

/** The query-object API (query.create and its enums): only SuiteQL is emulated. */
const QUERY_OBJECT_ENUMS = ['Operator', 'Aggregate', 'ReturnType', 'RelativeDateRange', 'DateId', 'FieldContext', 'PeriodType', 'PeriodAdjustment', 'PeriodCode', 'SortLocale', 'MetadataProvider'];

/** @param {import('../invocation').Invocation} inv */
module.exports = function createQuery(inv) {
  const sql = () => inv.engine.suiteql;
  const realm = inv.realm;
  const access = tableAccess(inv.engine, inv.role);

  /** @param {string[]} columns @param {any[][]} rows */
  function resultSet(columns, rows) {
    const results = rows.map((values) => ({ values, asMap: () => Object.fromEntries(columns.map((c, i) => [c, values[i]])) }));
    return {
      columns: columns.map((c) => ({ label: c, fieldId: c, type: null })),
      types: columns.map(() => null),
      results,
      asMappedResults: () => results.map((r) => r.asMap()),
      iterator: () => ({ each: guard(realm, (/** @type {(r: any) => boolean} */ cb) => { for (const r of results) if (cb({ value: r }) === false) break; }) }),
    };
  }

  return {
    Type: { EMPLOYEE: 'employee' },
    ...Object.fromEntries(QUERY_OBJECT_ENUMS.map((name) => [name, partialEnum(realm, 'N/query', name, {})])),
    ...unsupportedFunctions('N/query', ['create', 'load', 'listTables', 'delete', 'createRelativeDate', 'createPeriod']),
    runSuiteQL(/** @type {any[]} */ ...a) {
      const o = options(a, ['query', 'params']);
      inv.meter.charge('query.runSuiteQL', UNITS['query.runSuiteQL']);
      const r = sql().runSuiteQL({ query: String(required(o, 'query', 'query.runSuiteQL')), params: o.params || [], access });
      return resultSet(r.columns, r.rows);
    },
    runSuiteQLPaged(/** @type {any[]} */ ...a) {
      const o = options(a, ['query', 'params', 'pageSize']);
      inv.meter.charge('query.runSuiteQLPaged', UNITS['query.runSuiteQLPaged']);
      const pageSize = o.pageSize === undefined ? 50 : o.pageSize;
      const paged = sql().runPaged({ query: String(required(o, 'query', 'query.runSuiteQLPaged')), params: o.params || [], pageSize, access });
      const pageRanges = paged.pageRanges.map((/** @type {{ index: number }} */ p) => ({ index: p.index, compoundLabel: String(p.index), size: pageSize }));
      const pagedData = {
        count: paged.count,
        pageSize,
        pageRanges,
        fetch: guard(realm, (/** @type {any[]} */ ...fa) => {
          const index = Number(options(fa, ['index']).index);
          inv.meter.charge('query.pagedFetch', UNITS['query.pagedFetch']);
          const { columns, rows } = paged.fetch(index);
          return { data: resultSet(columns, rows), isFirst: index === 0, isLast: index === pageRanges.length - 1, pagedData, pageRange: pageRanges[index] };
        }),
        iterator: () => ({
          each: guard(realm, (/** @type {(p: any) => boolean} */ cb) => {
            for (const p of pageRanges) if (cb({ value: pagedData.fetch({ index: p.index }) }) === false) break;
          }),
        }),
      };
      return pagedData;
    },
  };
};
