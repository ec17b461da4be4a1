import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { compact, day, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { fieldData, fieldSeed, readerNote, recordField } from '../editing/record-fields.js';
import type { Hub as HubRecord } from './hub.entity.js';
import { sql } from '../database/sql.js';
import { itemSources, writePositioned, type ChildList } from '../editing/child-rows.js';
import { lastDay } from '../shared/partial-date.js';

export enum HubKind {
  TOTEM = 'TOTEM',
  INCUBATOR = 'INCUBATOR',
  COWORKING = 'COWORKING',
  VENUE = 'VENUE',
  CAMPUS = 'CAMPUS',
  OTHER = 'OTHER',
}
registerEnumType(HubKind, {
  name: 'HubKind',
  description: 'What kind of place a hub is.',
  valuesConfig: {
    TOTEM: { description: 'The totem building of a capital or community (Bliiida, EuraTechnologies, Cité numérique).' },
    INCUBATOR: { description: 'An incubator.' },
    COWORKING: { description: 'A coworking space (La Plage Digitale).' },
    VENUE: { description: 'A venue hosting the network\'s events (Cescom, Village La Poste).' },
    CAMPUS: { description: 'A start-up campus (Station F).' },
    OTHER: { description: 'Any other place.' },
  },
});

/**
 * A hub's plain fields, each defined once: its column (hub.entity.ts), its seed-file schema
 * (seeds/hubs.yaml), its GraphQL field (hub.types.ts) and its create/update inputs
 * (hub.mutations.ts) come from here (src/editing/record-fields.ts). A new plain field is one line
 * here and a migration.
 */
export const HUB_FIELDS = {
  slug: recordField.slug('Stable, human-readable key.'),
  name: recordField.text('Name of the place.'),
  kind: recordField.enumeration(HubKind, 'What kind of place it is.'),
  address: recordField.text('Street address, as the sources give it.', { nullable: true }),
  openedIn: recordField.partialDate('When it opened, as precisely as the sources say.', { nullable: true }),
  // Served in the language asked by HubResolver.description / .note.
  description: recordField.text('What it is, in French.', { nullable: true, output: 'resolver' }),
  descriptionEn: recordField.text('What it is, in English (a translation of `description`).', { nullable: true, output: 'resolver' }),
  ...readerNote(),
};

/**
 * A hub between its seed form (seeds/hubs.yaml, the mutations' inputs) and its entity: the one
 * mapping the seed loader and the mutations share. Its plain fields map themselves; its references
 * are written here. (The hub's ecosystems are a child list, HUB_ECOSYSTEMS below.)
 */
export const hubRecord = {
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<HubRecord>> {
    const [operatorType, operatorId] = await refs.polymorphic<NonNullable<HubRecord['operatorType']>>(d.operator);
    return {
      ...fieldData(HUB_FIELDS, d),
      localityId: await refs.id('locality', d.locality),
      latitude: d.latitude ?? null, longitude: d.longitude ?? null,
      coordinatesSourceId: await refs.optionalId('source', d.coordinatesSources?.[0]),
      operatorType, operatorId,
    };
  },

  async toSeed(h: HubRecord, refs: SeedReferences): Promise<Record<string, unknown>> {
    const coordinatesSource = await refs.slug('source', h.coordinatesSourceId);
    return compact({
      ...fieldSeed(HUB_FIELDS, h),
      locality: await refs.locality(h.localityId),
      latitude: h.latitude, longitude: h.longitude, coordinatesSources: coordinatesSource && [coordinatesSource],
      operator: await refs.ref(h.operatorType, h.operatorId),
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
