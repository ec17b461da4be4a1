import type { EntityData } from '@mikro-orm/core';
import { compact, day, partial, precision, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import type { Hub as HubRecord } from './hub.entity.js';
import { sql } from '../database/sql.js';
import { itemSources, writePositioned, type ChildList } from '../editing/child-rows.js';
import { lastDay } from '../shared/partial-date.js';

/**
 * A hub between its seed form (seeds/hubs.yaml, the mutations' inputs) and its entity: the one
 * mapping the seed loader and the mutations share. A new field is one line in each direction.
 * (The hub's ecosystems are a child list, HUB_ECOSYSTEMS below.)
 */
export const hubRecord = {
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<HubRecord>> {
    const [operatorType, operatorId] = await refs.polymorphic<NonNullable<HubRecord['operatorType']>>(d.operator);
    return {
      slug: d.slug, name: d.name, kind: d.kind, address: d.address ?? null, localityId: await refs.id('locality', d.locality),
      latitude: d.latitude ?? null, longitude: d.longitude ?? null,
      coordinatesSourceId: await refs.optionalId('source', d.coordinatesSources?.[0]),
      operatorType, operatorId,
      openedIn: day(d.openedIn), openedInPrecision: precision(d.openedIn),
      description: d.description ?? null, descriptionEn: d.descriptionEn ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },

  async toSeed(h: HubRecord, refs: SeedReferences): Promise<Record<string, unknown>> {
    const coordinatesSource = await refs.slug('source', h.coordinatesSourceId);
    return compact({
      slug: h.slug, name: h.name, kind: h.kind, address: h.address, locality: await refs.locality(h.localityId),
      latitude: h.latitude, longitude: h.longitude, coordinatesSources: coordinatesSource && [coordinatesSource],
      operator: await refs.ref(h.operatorType, h.operatorId),
      openedIn: partial(h.openedIn, h.openedInPrecision),
      description: h.description, descriptionEn: h.descriptionEn, note: h.note, noteEn: h.noteEn,
    });
  },
};

/** `hubs[].ecosystems` of the seed files: the ecosystems a hub serves, in which role, over which period. */
export const HUB_ECOSYSTEMS: ChildList = {
  field: 'ecosystems',
  read: (em, id) => sql<{ item: Record<string, unknown> }>(em,
    `select jsonb_strip_nulls(jsonb_build_object('ecosystem', e.slug, 'role', he.role, 'from', he.valid_from, 'to', he.valid_to, 'sources', ${itemSources('HubEcosystem', 'he')})) as item
     from hub_ecosystem he join ecosystem e on e.id = he.ecosystem_id where he.hub_id = $1 order by he.position`, [id]).then((rows) => rows.map((r) => r.item)),
  async write(refs, id, items) {
    return writePositioned(refs.em, 'hub_ecosystem', 'hub_id', id, 'HubEcosystem', await Promise.all((items as Record<string, any>[]).map(async (h) => ({
      columns: { ecosystem_id: await refs.id('ecosystem', h.ecosystem), role: h.role, valid_from: day(h.from), valid_to: lastDay(h.to) },
      sources: h.sources as string[],
    }))));
  },
};
