import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { compact, day, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { fieldData, fieldSeed, readerNote, recordField } from '../editing/record-fields.js';
import type { Association } from './association.entity.js';
import { sql } from '../database/sql.js';
import { itemSources, writePositioned, type ChildList } from '../editing/child-rows.js';
import { lastDay } from '../shared/partial-date.js';

export enum AssociationLegalForm {
  ASSOCIATION_LOI_1901 = 'ASSOCIATION_LOI_1901',
  INFORMAL_COLLECTIVE = 'INFORMAL_COLLECTIVE',
  COOPERATIVE = 'COOPERATIVE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(AssociationLegalForm, {
  name: 'AssociationLegalForm',
  description: 'The legal form of a supporting association, as far as a source establishes it.',
  valuesConfig: {
    ASSOCIATION_LOI_1901: { description: 'Association under the French law of 1 July 1901.' },
    INFORMAL_COLLECTIVE: { description: 'An informal collective, not a legal entity (La Ruche Digitale).' },
    COOPERATIVE: { description: 'A cooperative company.' },
    UNKNOWN: { description: 'Not established by a source (associations of Alsace-Moselle fall under the local law of 1908).' },
  },
});

export enum AssociationKind {
  NETWORK = 'NETWORK',
  CLUSTER = 'CLUSTER',
  COLLECTIVE = 'COLLECTIVE',
  TECHNOPOLE = 'TECHNOPOLE',
  OTHER = 'OTHER',
}
registerEnumType(AssociationKind, {
  name: 'AssociationKind',
  description: 'What a supporting association is in the network.',
  valuesConfig: {
    NETWORK: { description: 'A network of digital actors (Cap Numeric, Loire Numérique…).' },
    CLUSTER: { description: 'A cluster of companies of a sector (Rhénatic, BFC Numérique…).' },
    COLLECTIVE: { description: 'A collective of professionals (La Ruche Digitale).' },
    TECHNOPOLE: { description: 'A technopole.' },
    OTHER: { description: 'Anything else.' },
  },
});

/**
 * An association's plain fields, each defined once (src/editing/record-fields.ts): its column
 * (association.entity.ts), its seed-file schema, its GraphQL field (association.types.ts) and its
 * create/update inputs (association.mutations.ts).
 */
export const ASSOCIATION_FIELDS = {
  slug: recordField.slug('Stable, human-readable key: lowercase words joined by hyphens.'),
  name: recordField.text('Name of the association.'),
  legalForm: recordField.enumeration(AssociationLegalForm, 'Its legal form (UNKNOWN when no source establishes it).'),
  kind: recordField.enumeration(AssociationKind, 'What kind of organisation it is.', { nullable: true }),
  foundedIn: recordField.partialDate('When it was founded, as precisely as the sources say; null when unknown or contested.', { nullable: true }),
  // Served in the language asked by AssociationResolver.mission / .note.
  mission: recordField.text('What it does, in French.', { nullable: true, output: 'resolver' }),
  missionEn: recordField.text('What it does, in English (a translation of `mission`).', { nullable: true, output: 'resolver' }),
  // The inputs take a URL as a String (the URL scalar would parse it into an object the seed rules
  // refuse): association.mutations.ts writes the input field, with this description.
  website: recordField.url('Its website (http or https URL).', { nullable: true }),
  ...readerNote(),
};

/**
 * An association between its seed form (seeds/associations.yaml, the mutations' inputs) and its
 * entity: the seed loader's and the mutations' one mapping. Its plain fields map themselves; its seat
 * is written here. (Its carried labels are a child list, CARRIES below.)
 */
export const associationRecord = {
  async toSeed(r: Association, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({ ...fieldSeed(ASSOCIATION_FIELDS, r), seat: await refs.locality(r.seatId) });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Association>> {
    return { ...fieldData(ASSOCIATION_FIELDS, d), seatId: await refs.optionalId('locality', d.seat) };
  },
};

/** `associations[].carries` of the seed files: the ecosystems whose label the association carries, with the period. */
export const CARRIES: ChildList = {
  field: 'carries',
  read: (em, id) => sql<{ item: Record<string, unknown> }>(em,
    `select jsonb_strip_nulls(jsonb_build_object('ecosystem', e.slug, 'from', c.valid_from, 'to', c.valid_to, 'sources', ${itemSources('Carrier', 'c')})) as item
     from carrier c join ecosystem e on e.id = c.ecosystem_id where c.association_id = $1 order by c.position`, [id]).then((rows) => rows.map((r) => r.item)),
  async write(refs, id, items) {
    return writePositioned(refs.em, 'carrier', 'association_id', id, 'Carrier', await Promise.all((items as Record<string, any>[]).map(async (c) => ({
      columns: { ecosystem_id: await refs.id('ecosystem', c.ecosystem), valid_from: day(c.from), valid_to: lastDay(c.to) },
      sources: c.sources as string[],
    }))));
  },
};
