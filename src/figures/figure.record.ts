import type { EntityData } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { compact, type ReferenceResolver, type SeedReferences } from '../editing/references.js';
import { fieldData, fieldSeed, recordField, slugSchema } from '../editing/record-fields.js';
import type { Figure } from './figure.entity.js';

export enum FigureQualifier {
  EXACT = 'EXACT', ABOUT = 'ABOUT', MORE_THAN = 'MORE_THAN', AT_LEAST = 'AT_LEAST', LESS_THAN = 'LESS_THAN', AT_MOST = 'AT_MOST',
}
registerEnumType(FigureQualifier, {
  name: 'FigureQualifier',
  description: 'How the source qualifies the number (the press writes "more than", "about", "some fifty").',
  valuesConfig: {
    EXACT: { description: 'The number as such.' },
    ABOUT: { description: 'About, nearly, some ("près de", "une trentaine", "quelque").' },
    MORE_THAN: { description: 'Strictly more than ("plus de", "dépasse").' },
    AT_LEAST: { description: 'At least ("plusieurs centaines" stored as at least 200).' },
    LESS_THAN: { description: 'Strictly less than.' },
    AT_MOST: { description: 'At most.' },
  },
});

export enum FigureUnit { COUNT = 'COUNT', EUR = 'EUR', PERSON = 'PERSON', ORGANISATION = 'ORGANISATION', PERCENT = 'PERCENT' }
registerEnumType(FigureUnit, {
  name: 'FigureUnit',
  description: 'What a figure counts or measures.',
  valuesConfig: {
    COUNT: { description: 'A plain count of things (labels, tweets, projects…).' },
    EUR: { description: 'An amount in euros.' },
    PERSON: { description: 'A number of people.' },
    ORGANISATION: { description: 'A number of organisations (companies, start-ups, networks…).' },
    PERCENT: { description: 'A percentage (0–100).' },
  },
});

/**
 * A figure's plain fields, each defined once: its column (figure.entity.ts), its seed-file schema
 * (seeds/figures.yaml), its GraphQL field (figure.types.ts) and its create/update inputs
 * (figure.mutations.ts) come from here (src/editing/record-fields.ts). Its subject is a reference and
 * its value an exact decimal: written by hand beside them.
 */
export const FIGURE_FIELDS = {
  // A text the seed files write as a slug (kebab-case).
  metric: { ...recordField.text('What is counted, in kebab-case: members, staff, budget, jobs, companies, registrants, speakers, tweets, attendees, startups, funding…'), seed: slugSchema },
  qualifier: recordField.enumeration(FigureQualifier, 'How the source qualifies the number.', { checked: true, default: FigureQualifier.EXACT }),
  unit: recordField.enumeration(FigureUnit, 'What the number counts or measures.', { default: FigureUnit.COUNT }),
  asOf: recordField.partialDate('The date the number describes, as precisely as known.'),
  label: recordField.text('The source\'s own words ("plus de 180 inscrits").', { nullable: true }),
  // Served in the language asked by FigureResolver.note.
  note: recordField.text('What to know about this figure (how it was derived, contested values), in French.', { nullable: true, output: 'resolver' }),
  noteEn: recordField.text('The note in English (a translation of `note`).', { nullable: true, output: 'resolver' }),
};

/** The key that identifies a figure in the seeds (it has no slug): subject, metric, date and first source. */
export const figureKey = (d: Record<string, any>): string => `${d.subject}:${d.metric}:${d.asOf}:${d.sources[0]}`;

/**
 * A figure between its seed form (seeds/figures.yaml, the mutations' inputs) and its entity: the
 * seed loader's and the mutations' one mapping. Its plain fields map themselves (the defaults, EXACT
 * and COUNT, are left out of the seed form, as the seed files leave them out); its subject and value
 * are written here.
 */
export const figureRecord = {
  async toSeed(r: Figure, refs: SeedReferences): Promise<Record<string, unknown>> {
    return compact({ subject: await refs.ref(r.subjectType, r.subjectId), ...fieldSeed(FIGURE_FIELDS, r), value: Number(r.value) });
  },
  /** `creating`: a new figure gets its key; a correction keeps the one it was created with. */
  async toData(d: Record<string, any>, refs: ReferenceResolver, creating: boolean): Promise<EntityData<Figure>> {
    const [subjectType, subjectId] = await refs.polymorphic(d.subject);
    return {
      ...(creating ? { key: figureKey(d) } : {}),
      subjectType, subjectId, ...fieldData(FIGURE_FIELDS, d), value: d.value,
    };
  },
};
