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
 * a lateral join into the view was rebuilt per row (1.5 s). The cost grows with the rows tested (~11 µs
 * each), the old form's with the territories: the programme filters test every territory link, 8 ms
 * for the synthetic network's 720 against 2 ms for the old form, and 0.3 ms for the seeded database's
 * 16 against 28–100 ms.
 */
export function inScope(column: ScopeColumn, param: string, territoryId: string): string {
  return `${param} = any(array(select s.${column} from territory_scope s where s.territory_id = ${territoryId}))`;
}

/**
 * SQL: the territories a French place (`$1` its kind, COMMUNE, DEPARTMENT or REGION; `$2` its INSEE code)
 * lies in, most local first, as one row `territory_ids` (no row for an unknown place): the commune, the areas
 * covering its department (by code), the department, the region, France: what territory_scope says of
 * it, by primary and unique keys. The programme finder matches programmes against it once: joined to
 * the view per programme, PostgreSQL built the whole view (~35,000 communes in the seeded database)
 * for each one, 60–70 ms a request.
 */
export const PLACE_TERRITORIES = `
  with place as (
    select t.id, t.kind, d.id as department_id, r.id as region_id
    from territory t
    left join territory d on d.id = case t.kind when 'COMMUNE' then t.parent_id when 'DEPARTMENT' then t.id end
    left join territory r on r.id = case t.kind when 'REGION' then t.id else d.parent_id end
    where t.kind = $1 and t.code = $2 and t.country_code = 'FR' limit 1)
  select array_remove(
           array[case when place.kind = 'COMMUNE' then place.id end]
           || array(select ad.area_id from area_department ad join territory a on a.id = ad.area_id where ad.department_id = place.department_id order by a.code)
           || array[place.department_id, place.region_id]
           || array(select c.id from territory c where c.kind = 'COUNTRY' and c.country_code = 'FR' order by c.id),
         null) as territory_ids
  from place`;
