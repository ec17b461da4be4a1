import type { EntityData, InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.js';
import { writeEntityRows, type RowCounts } from '../editing/child-rows.js';
import { day, type ReferenceResolver } from '../editing/references.js';
import { frenchGeography } from '../seeding/geography.js';
import { PLACES_DATASET } from '../seeding/places.js';
import { parseRef } from '../seeding/seed-refs.js';
import { localityPoint } from '../seeding/validate-seeds.js';
import { lastDay } from '../shared/partial-date.js';
import { Attachment } from './attachment.entity.js';
import { EcosystemName, type Ecosystem } from './ecosystem.entity.js';
import { labelPeriod, type CampaignPeriod } from './label-period.js';
import { Label } from './label.entity.js';

/**
 * An ecosystem's own row from its seed form (seeds/ecosystems/*.yaml, `ecosystemCreate`'s input): the
 * seed loader's and the mutation's one mapping. Its names, labels, attachments and territories are
 * rows of their own (below); its region, department and drawn point are worked out from them.
 */
export const ecosystemRecord = {
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Ecosystem>> {
    return {
      slug: d.slug, countryCode: d.country ?? 'FR', seatId: await refs.optionalId('locality', d.seat),
      description: d.description ?? null, descriptionEn: d.descriptionEn ?? null, website: d.website ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};

// --- its parts: the seed loader writes whole lists of them, the hierarchy mutations one at a time --------

/** `ecosystems[].names[]`: a name and the period it was used. */
export const nameRecord = {
  toData: (n: Record<string, any>): EntityData<InferEntity<typeof EcosystemName>> => ({ name: n.name, validFrom: day(n.from), validTo: lastDay(n.to) }),
  /** A name without sources of its own cites the ecosystem's (and is written back without them). */
  sources: (n: Record<string, any>, ecosystem: Record<string, any>): string[] => n.sources ?? ecosystem.sources,
};

/**
 * `ecosystems[].labels[]`: a label, its period worked out with its campaign's (`labelPeriod`). The
 * campaign's period comes from `periodOf`: the seed files for the loader, the database for `labelGrant`.
 */
export const labelRecord = {
  async toData(l: Record<string, any>, refs: ReferenceResolver, periodOf: (campaign: string) => Promise<CampaignPeriod>): Promise<EntityData<Label>> {
    const period = labelPeriod(l.validFrom, l.validTo, l.campaign ? await periodOf(l.campaign) : null);
    return {
      kind: l.kind, campaignId: await refs.optionalId('campaign', l.campaign), grantedOn: day(l.grantedOn),
      grantedById: await refs.optionalId('person', l.grantedBy), ...period, endConfirmed: l.endConfirmed ?? false,
      status: l.status ?? 'ACTIVE', theme: l.theme ?? null, note: l.note ?? null, noteEn: l.noteEn ?? null,
    };
  },
};

/** `ecosystems[].attachments[]`: a dated edge to a parent ecosystem. */
export const attachmentRecord = {
  async toData(a: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<InferEntity<typeof Attachment>>> {
    return { parentId: await refs.id('ecosystem', a.parent), validFrom: day(a.from), validTo: lastDay(a.to), note: a.note ?? null, noteEn: a.noteEn ?? null };
  },
};

/** An ecosystem's names, labels and attachments as its seed record lists them (the seed loader), each list in one write. */
export async function writeParts(refs: ReferenceResolver, ecosystemId: string, d: Record<string, any>, periodOf: (campaign: string) => Promise<CampaignPeriod>): Promise<RowCounts[]> {
  const names = (d.names as Record<string, any>[]).map((n) => ({ data: nameRecord.toData(n), sources: nameRecord.sources(n, d) }));
  const labels = await Promise.all(((d.labels ?? []) as Record<string, any>[]).map(async (l) => ({ data: await labelRecord.toData(l, refs, periodOf), sources: l.sources })));
  const attachments = await Promise.all(((d.attachments ?? []) as Record<string, any>[]).map(async (a) => ({ data: await attachmentRecord.toData(a, refs), sources: a.sources })));
  return [
    await writeEntityRows(refs.em, EcosystemName, 'ecosystemId', ecosystemId, names),
    await writeEntityRows(refs.em, Label, 'ecosystemId', ecosystemId, labels),
    await writeEntityRows(refs.em, Attachment, 'childId', ecosystemId, attachments),
  ];
}

// --- where an ecosystem without a seat is drawn ---------------------------------------------------------

export interface ChefLieu { code: string; latitude: number; longitude: number }

/**
 * An ecosystem without a seat is drawn at the chef-lieu of the first territory it covers (a commune is
 * its own; an area's is that of its department with the lowest code, the database keeping no order),
 * with the chef-lieu's point from the places dataset; null when it has a seat or no such point.
 * `areaDepartments`: the seed files for the loader, the database for `ecosystemCreate`.
 */
export async function chefLieuOf(d: { seat?: unknown; territories?: string[] }, areaDepartments: (area: string) => Promise<string[]>): Promise<ChefLieu | null> {
  if (d.seat) return null;
  const geo = frenchGeography();
  const departmentChefLieu = (code: string | undefined) => geo.departments.find((x) => x.code === code)?.chefLieu ?? null;
  let code: string | null = null;
  for (const value of d.territories ?? []) {
    const ref = parseRef(value)!;
    if (ref.kind === 'commune') code = ref.key;
    else if (ref.kind === 'department') code = departmentChefLieu(ref.key);
    else if (ref.kind === 'region') code = geo.regions.find((r) => r.code === ref.key)?.chefLieu ?? null;
    else if (ref.kind === 'area') {
      const [lowest] = [...(await areaDepartments(ref.key))].sort();
      if (!lowest) continue;
      code = departmentChefLieu(lowest);
    } else continue;
    break;
  }
  const match = code ? localityPoint({ commune: code }) : null;
  return code && match && 'point' in match ? { code, ...match.point } : null;
}

/** Gives the chef-lieux their point from the places dataset (the communes' rows, only where it differs), in one statement. */
export async function drawChefLieux(em: EntityManager, chefLieux: ChefLieu[]): Promise<void> {
  await sql(em,
    `update territory t set latitude = i.latitude, longitude = i.longitude, coordinates_precision = 'COMMUNE', coordinates_source_id = s.id,
       version = t.version + 1, updated_at = now()
     from unnest($1::text[], $2::float8[], $3::float8[]) as i(code, latitude, longitude), source s
     where s.slug = $4 and t.kind = 'COMMUNE' and t.code = i.code
       and (t.latitude, t.longitude, t.coordinates_source_id) is distinct from (i.latitude, i.longitude, s.id)`,
    [chefLieux.map((c) => c.code), chefLieux.map((c) => c.latitude), chefLieux.map((c) => c.longitude), PLACES_DATASET.source]);
}
