import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import type { Institution } from './institution.types.js';

export const INSTITUTION_COLUMNS = `i.id, i.slug, i.name, i.kind, i.parent_id, i.seat_id, i.territory_id, i.founded_in::text, i.founded_in_precision, i.description, i.description_en, i.website, i.note, i.note_en`;
export interface InstitutionRow {
  note: string | null; note_en: string | null;
  id: string; slug: string; name: string; kind: string; parent_id: string | null; seat_id: string | null; territory_id: string | null;
  founded_in: string | null; founded_in_precision: string | null; description: string | null; description_en: string | null; website: string | null;
}
export type InstitutionNode = Institution & { uuid: string; parentId: string | null; seatId: string | null; territoryId: string | null };

export function toInstitution(r: InstitutionRow): InstitutionNode {
  return asNode('Institution', {
    id: r.id, slug: r.slug, name: r.name, kind: r.kind, parentId: r.parent_id, seatId: r.seat_id, territoryId: r.territory_id,
    foundedIn: partialDate(r.founded_in, r.founded_in_precision), description: r.description, descriptionEn: r.description_en, note: r.note, noteEn: r.note_en, website: r.website,
  }) as unknown as InstitutionNode;
}

export const institutionById = defineLoader<string, InstitutionNode | null>(async (ctx, ids) => {
  const rows = await sql<InstitutionRow>(ctx.em, `select ${INSTITUTION_COLUMNS} from institution i where i.id = any($1::uuid[]) and i.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toInstitution), (i) => i.uuid);
});

export const institutionBySlug = defineLoader<string, InstitutionNode | null>(async (ctx, slugs) => {
  const rows = await sql<InstitutionRow>(ctx.em, `select ${INSTITUTION_COLUMNS} from institution i where i.slug = any($1::text[]) and i.archived_at is null`, [slugs]);
  return byKey(slugs, rows.map(toInstitution), (i) => i.slug);
});

/** The bodies that depend on each institution (the DGE under the ministry…), by name. */
export const institutionsByParent = defineLoader<string, InstitutionNode[]>(async (ctx, ids) => {
  const rows = await sql<InstitutionRow>(ctx.em,
    `select ${INSTITUTION_COLUMNS} from institution i where i.parent_id = any($1::uuid[]) and i.archived_at is null order by i.parent_id, i.name, i.id`, [ids]);
  return groupByKey(ids, rows, (r) => r.parent_id!).map((g) => g.map(toInstitution));
});
