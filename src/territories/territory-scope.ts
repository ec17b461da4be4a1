/** A column of the territory_scope view (src/database/migrations): the INSEE code a territory lies in. */
export type ScopeColumn = 'region_code' | 'department_code';

/**
 * SQL: the territory whose id is `territoryId` (an expression of the outer row) lies in the region or
 * department `param`. Written as `param = any(array(…))`, a subplan per outer row into which the id
 * reaches the view's branches as a parameter (primary-key lookups): the same test as
 * `exists (select 1 from territory_scope s where s.territory_id = … and s.region_code = param)`, which
 * PostgreSQL answered by building the whole view (every territory: ~35,000 communes in the real
 * database) for each filtered list, 14–34 ms a request (`hubs(filter: { departmentCode })`,
 * `ecosystems(filter: { regionCode })`, EXPLAIN ANALYZE on the seeded database: 31 → 0.4 ms).
 * Through a link table, call it per link row (`exists (select 1 from link where … and ${inScope(…)})`):
 * a lateral join into the view was rebuilt per row (1.5 s). The cost grows with the rows tested, the
 * old form's with the territories: the programme filters, which test every link of ~800 programmes on
 * the synthetic network, keep the `exists` (4.6 ms there against 18 ms in this form).
 */
export function inScope(column: ScopeColumn, param: string, territoryId: string): string {
  return `${param} = any(array(select s.${column} from territory_scope s where s.territory_id = ${territoryId}))`;
}
