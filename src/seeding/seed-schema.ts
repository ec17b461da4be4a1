/**
 * The JSON Schema of the seed files (seeds/README.md explains it to people). Ajv checks shapes,
 * enums and unknown fields; `seed-validation.ts` checks what a schema cannot: real dates, references,
 * duplicates. The same rules will validate admin edits.
 */
import { partialDateSchema as partialDate, seedProperties, slugSchema as slug, textSchema as text, urlSchema as url, type RecordFields } from '../editing/record-fields.js';
import { ASSOCIATION_FIELDS } from '../associations/association.record.js';
import { HUB_FIELDS } from '../hubs/hub.record.js';
import { INSTITUTION_FIELDS } from '../institutions/institution.record.js';
import { SOURCE_FIELDS } from '../sources/source.record.js';
import { HubRole } from '../hubs/hub.types.js';
import { EVENT_FIELDS } from '../events/event.record.js';
import { PROGRAMME_FIELDS } from '../programmes/programme.record.js';
import { CompanyStage } from '../programmes/programme.types.js';
import { FIGURE_FIELDS } from '../figures/figure.record.js';
import { LabelKind, LabelStatus } from '../ecosystems/ecosystem.types.js';
import { PartnershipRole } from '../partnerships/partnership.types.js';

const sources = { type: 'array', items: slug, minItems: 1, uniqueItems: true } as const;
const ref = { type: 'string', pattern: '^[a-z]+:[A-Za-z0-9-]+$' } as const;
/** An INSEE code: validate-seeds.ts looks it up in the geography (src/seeding/geography.ts), which names every valid one. */
const inseeCode = { type: 'string', minLength: 1 } as const;
const country = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const period = { from: partialDate, to: partialDate } as const;

function record(required: string[], properties: Record<string, unknown>) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}
/** A record's seed schema: its plain fields (src/editing/record-fields.ts) and the rest, written here. */
function fieldsRecord(fields: RecordFields, required: string[], properties: Record<string, unknown>) {
  const plain = seedProperties(fields);
  return record([...plain.required, ...required], { ...plain.properties, ...properties });
}
function list(item: unknown) {
  return { type: 'array', items: item } as const;
}

/** A GraphQL enum's values: the seed files accept exactly what the API serves. */
const e = (values: Record<string, string>) => ({ enum: Object.values(values) }) as const;

export const seedFileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // A plain text in the API, but the seed files name only the corpus's languages.
    sources: list(fieldsRecord(SOURCE_FIELDS, [], { language: { enum: ['fr', 'en', 'de'] } })),
    campaigns: list(record(['slug', 'name', 'sources'], {
      slug, name: text, announcedOn: partialDate, periodStart: partialDate, periodEnd: partialDate,
      announcedBy: list(slug), description: text, descriptionEn: text, note: text, noteEn: text, sources,
    })),
    // Coordinates come from the places dataset (src/seeding/places.ts); a point typed here needs
    // `coordinatesSources`, the sources that give that exact point.
    localities: list({
      ...record(['slug', 'sources'], {
        slug, commune: inseeCode, name: text, country,
        dataset: record(['name'], { name: text, admin1: text, admin2: text }),
        latitude: { type: 'number', minimum: -90, maximum: 90 },
        longitude: { type: 'number', minimum: -180, maximum: 180 }, coordinatesSources: sources, sources,
      }),
      oneOf: [{ required: ['commune'] }, { required: ['name', 'country'] }],
      dependencies: { latitude: ['longitude'], longitude: ['latitude'] },
    }),
    areas: list(record(['slug', 'name', 'sources'], {
      slug, name: text, departments: list(inseeCode), description: text, descriptionEn: text, sources,
    })),
    ecosystems: list(record(['slug', 'names', 'labels', 'sources'], {
      slug,
      names: { type: 'array', minItems: 1, items: record(['name'], { name: text, ...period, sources }) },
      country, seat: slug, territories: list(ref), description: text, descriptionEn: text, website: url, note: text, noteEn: text,
      labels: list(record(['kind', 'validFrom', 'sources'], {
        kind: e(LabelKind), campaign: slug, grantedOn: partialDate, grantedBy: slug, validFrom: partialDate,
        validTo: partialDate, endConfirmed: { type: 'boolean' },
        // Stored statuses only: the others (EXPIRED, UNCONFIRMED, UPCOMING) are worked out for a date.
        status: { enum: [LabelStatus.ACTIVE, LabelStatus.WITHDRAWN] }, theme: text, note: text, noteEn: text, sources,
      })),
      attachments: list(record(['parent', 'from', 'sources'], { parent: slug, ...period, note: text, noteEn: text, sources })),
      sources,
    })),
    associations: list(fieldsRecord(ASSOCIATION_FIELDS, ['sources'], {
      seat: slug,
      carries: list(record(['ecosystem', 'sources'], { ecosystem: slug, ...period, sources })),
      sources,
    })),
    institutions: list(fieldsRecord(INSTITUTION_FIELDS, ['sources'], { parent: slug, seat: slug, territory: ref, sources })),
    people: list(record(['slug', 'name', 'sources'], {
      slug, name: text,
      roles: list(record(['title', 'organisation', 'sources'], {
        title: text, organisation: ref, ...period, asOf: partialDate, current: { type: 'boolean' }, sources,
      })),
      // Personal data: only with the documented need that justifies keeping it.
      contact: record(['need'], { phone: text, email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' }, need: text }),
      note: text, noteEn: text, sources,
    })),
    hubs: list(fieldsRecord(HUB_FIELDS, ['locality', 'sources'], {
      locality: slug,
      latitude: { type: 'number', minimum: -90, maximum: 90 }, longitude: { type: 'number', minimum: -180, maximum: 180 },
      coordinatesSources: sources, operator: ref,
      ecosystems: list(record(['ecosystem', 'role', 'sources'], { ecosystem: slug, role: e(HubRole), ...period, sources })),
      sources,
    })),
    programmes: list(fieldsRecord(PROGRAMME_FIELDS, ['sources'], {
      operator: ref,
      eligibility: record([], {
        headcountBelow: { type: 'integer', minimum: 1 }, headcountAtLeast: { type: 'integer', minimum: 0 },
        stages: list(e(CompanyStage)), note: text, noteEn: text,
      }),
      funding: record([], {
        maxAmount: { type: 'number', exclusiveMinimum: 0 }, rate: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' }, note: text, noteEn: text,
      }),
      territories: list(ref),
      deployedBy: list(record(['ecosystem', 'sources'], { ecosystem: slug, ...period, sources })),
      sources,
    })),
    events: list(fieldsRecord(EVENT_FIELDS, ['sources'], {
      venue: slug, locality: slug, organisers: list(ref), ecosystems: list(slug), sources,
    })),
    partnerships: list(record(['partner', 'target', 'role', 'sources'], {
      partner: ref, target: ref, role: e(PartnershipRole), ...period, note: text, noteEn: text, sources,
    })),
    figures: list(fieldsRecord(FIGURE_FIELDS, ['subject', 'value', 'sources'], {
      subject: ref, value: { type: 'number' }, sources,
    })),
  },
} as const;

export type SeedCollection = keyof typeof seedFileSchema.properties;
export const COLLECTIONS = Object.keys(seedFileSchema.properties) as SeedCollection[];
