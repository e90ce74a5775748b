/** N/query: SuiteQL with ? binds, runSuiteQL and runSuiteQLPaged (10 units per run and per page fetch). */
import { options, required, guard } from '../expose';
import { UNITS } from '../governance';
import type { Invocation } from '../invocation';
import { tableAccess } from '../table-access';
import { unsupportedFunctions, partialEnum } from '../unsupported';

/** The query-object API (query.create and its enums): only SuiteQL is emulated. */
const QUERY_OBJECT_ENUMS = ['Operator', 'Aggregate', 'ReturnType', 'RelativeDateRange', 'DateId', 'FieldContext', 'PeriodType', 'PeriodAdjustment', 'PeriodCode', 'SortLocale', 'MetadataProvider'];

/** A script's iterator callback: returning false stops the iteration. */
type EachCallback<T> = (item: { value: T }) => unknown;

interface QueryResult { values: unknown[], asMap: () => Record<string, unknown> }
interface ResultSet {
  columns: Array<{ label: string, fieldId: string, type: null }>,
  types: null[],
  results: QueryResult[],
  asMappedResults: () => Array<Record<string, unknown>>,
  iterator: () => { each: (cb: EachCallback<QueryResult>) => void },
}
interface PageRange { index: number, compoundLabel: string, size: number }
interface Page { data: ResultSet, isFirst: boolean, isLast: boolean, pagedData: PagedData, pageRange: PageRange }
interface PagedData {
  count: number,
  pageSize: number,
  pageRanges: PageRange[],
  fetch: (...a: unknown[]) => Page,
  iterator: () => { each: (cb: EachCallback<Page>) => void },
}

export = function createQuery(inv: Invocation) {
  const sql = () => inv.engine.suiteql;
  const realm = inv.realm;
  const access = tableAccess(inv.engine, inv.role);

  function resultSet(columns: string[], rows: unknown[][]): ResultSet {
    const results = rows.map((values) => ({ values, asMap: () => Object.fromEntries(columns.map((c, i) => [c, values[i]])) }));
    return {
      columns: columns.map((c) => ({ label: c, fieldId: c, type: null })),
      types: columns.map(() => null),
      results,
      asMappedResults: () => results.map((r) => r.asMap()),
      iterator: () => ({ each: guard(realm, (cb: EachCallback<QueryResult>) => { for (const r of results) if (cb({ value: r }) === false) break; }) }),
    };
  }

  return {
    Type: { EMPLOYEE: 'employee' },
    ...Object.fromEntries(QUERY_OBJECT_ENUMS.map((name) => [name, partialEnum(realm, 'N/query', name, {})])),
    ...unsupportedFunctions('N/query', ['create', 'load', 'listTables', 'delete', 'createRelativeDate', 'createPeriod']),
    runSuiteQL(...a: unknown[]): ResultSet {
      const o = options(a, ['query', 'params']);
      inv.meter.charge('query.runSuiteQL', UNITS['query.runSuiteQL']);
      // The SuiteQL runner checks params (an array of bind values) and refuses anything else.
      const params = (o.params || []) as unknown[];
      const r = sql().runSuiteQL({ query: String(required(o, 'query', 'query.runSuiteQL')), params, access });
      return resultSet(r.columns, r.rows);
    },
    runSuiteQLPaged(...a: unknown[]): PagedData {
      const o = options(a, ['query', 'params', 'pageSize']);
      inv.meter.charge('query.runSuiteQLPaged', UNITS['query.runSuiteQLPaged']);
      // The SuiteQL runner checks params and pageSize (a whole number from 5 to 1000) and refuses anything else.
      const params = (o.params || []) as unknown[];
      const requested = (o.pageSize === undefined ? 50 : o.pageSize) as number;
      const paged = sql().runPaged({ query: String(required(o, 'query', 'query.runSuiteQLPaged')), params, pageSize: requested, access });
      const pageSize = paged.pageSize;
      const pageRanges = paged.pageRanges.map((p): PageRange => ({ index: p.index, compoundLabel: String(p.index), size: p.size }));
      const pagedData: PagedData = {
        count: paged.count,
        pageSize,
        pageRanges,
        fetch: guard(realm, (...fa: unknown[]): Page => {
          const index = Number(options(fa, ['index']).index);
          inv.meter.charge('query.pagedFetch', UNITS['query.pagedFetch']);
          const { columns, rows } = paged.fetch(index);
          return { data: resultSet(columns, rows), isFirst: index === 0, isLast: index === pageRanges.length - 1, pagedData, pageRange: pageRanges[index] };
        }),
        iterator: () => ({
          each: guard(realm, (cb: EachCallback<Page>) => {
            for (const p of pageRanges) if (cb({ value: pagedData.fetch({ index: p.index }) }) === false) break;
          }),
        }),
      };
      return pagedData;
    },
  };
};
