import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { compact, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { fieldData, fieldSeed, readerNote, recordField } from '../editing/record-fields.js';
import type { Institution } from './institution.entity.js';

export enum InstitutionKind {
  STATE = 'STATE',
  STATE_AGENCY = 'STATE_AGENCY',
  REGION = 'REGION',
  DEPARTMENT_COUNCIL = 'DEPARTMENT_COUNCIL',
  METROPOLIS = 'METROPOLIS',
  CITY = 'CITY',
  CHAMBER_OF_COMMERCE = 'CHAMBER_OF_COMMERCE',
  COMPANY = 'COMPANY',
  COMPETITIVENESS_CLUSTER = 'COMPETITIVENESS_CLUSTER',
  SCHOOL = 'SCHOOL',
  ADVISORY_COUNCIL = 'ADVISORY_COUNCIL',
  NETWORK_OF_NETWORKS = 'NETWORK_OF_NETWORKS',
  ASSOCIATION = 'ASSOCIATION',
  OTHER = 'OTHER',
}
registerEnumType(InstitutionKind, {
  name: 'InstitutionKind',
  description: 'What kind of body a partner institution is.',
  valuesConfig: {
    STATE: { description: 'The State: government, ministries.' },
    STATE_AGENCY: { description: 'A body of the State (DGE, Mission French Tech, Bpifrance…).' },
    REGION: { description: 'A regional council.' },
    DEPARTMENT_COUNCIL: { description: 'A departmental council (Conseil Général de la Loire).' },
    METROPOLIS: { description: 'A metropolis or other intercommunal body (Eurométropole de Strasbourg).' },
    CITY: { description: 'A city (Ville de Strasbourg).' },
    CHAMBER_OF_COMMERCE: { description: 'A chamber of commerce and industry.' },
    COMPANY: { description: 'A company (Groupe La Poste).' },
    COMPETITIVENESS_CLUSTER: { description: 'A competitiveness cluster (Imaginove, Cap Digital…).' },
    SCHOOL: { description: 'A school or university (Télécom Saint-Étienne).' },
    ADVISORY_COUNCIL: { description: 'An advisory council (CESEL).' },
    NETWORK_OF_NETWORKS: { description: 'A network of networks (Comité Grand Littoral).' },
    ASSOCIATION: { description: 'An association acting as a partner rather than as a carrier.' },
    OTHER: { description: 'Anything else.' },
  },
});

/**
 * An institution's plain fields, each defined once (src/editing/record-fields.ts): its column
 * (institution.entity.ts), its seed-file schema, its GraphQL field (institution.types.ts) and its
 * create/update inputs (institution.mutations.ts).
 */
export const INSTITUTION_FIELDS = {
  slug: recordField.slug('Stable, human-readable key.'),
  name: recordField.text('Name of the institution.'),
  kind: recordField.enumeration(InstitutionKind, 'What kind of institution it is.'),
  foundedIn: recordField.partialDate('When it was founded, as precisely as the sources say.', { nullable: true }),
  // Served in the language asked by InstitutionResolver.description / .note.
  description: recordField.text('What it is, in French.', { nullable: true, output: 'resolver' }),
  descriptionEn: recordField.text('What it is, in English (a translation of `description`).', { nullable: true, output: 'resolver' }),
  // The inputs take a URL as a String (the URL scalar would parse it into an object the seed rules
  // refuse): institution.mutations.ts writes the input field, with this description.
  website: recordField.url('Its website.', { nullable: true }),
  ...readerNote(),
};

/**
 * An institution between its seed form (seeds/institutions.yaml, the mutations' inputs) and its
 * entity: the seed loader's and the mutations' one mapping. Its plain fields map themselves; its
 * references are written here.
 */
export const institutionRecord = {
  async toSeed(r: Institution, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({
      ...fieldSeed(INSTITUTION_FIELDS, r),
      parent: await refs.slug('institution', r.parentId), seat: await refs.locality(r.seatId),
      territory: await refs.ref(r.territoryId && 'Territory', r.territoryId),
    });
  },
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<Institution>> {
    const [, territoryId] = await refs.polymorphic(d.territory);
    return {
      ...fieldData(INSTITUTION_FIELDS, d),
      parentId: await refs.optionalId('institution', d.parent), seatId: await refs.optionalId('locality', d.seat), territoryId,
    };
  },
};
