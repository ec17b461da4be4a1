/**
 * The JSON Schema of the seed files (seeds/README.md explains it to people). Ajv checks shapes,
 * enums and unknown fields; `seed-validation.ts` checks what a schema cannot: real dates, references,
 * duplicates. The same rules will validate admin edits.
 */
import { partialDateSchema as partialDate, seedProperties, slugSchema as slug, textSchema as text, urlSchema as url, type RecordFields } from '../editing/record-fields.js';
import { HUB_FIELDS } from '../hubs/hub.record.js';
import { HubRole } from '../hubs/hub.types.js';
import { EVENT_FIELDS } from '../events/event.record.js';
import { PROGRAMME_FIELDS } from '../programmes/programme.record.js';
import { CompanyStage } from '../programmes/programme.types.js';
import { FIGURE_FIELDS } from '../figures/figure.record.js';

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

export const ENUMS = {
  sourceKind: ['PRESS_ARTICLE', 'PRESS_RELEASE', 'OFFICIAL_PAGE', 'DATASET', 'REFERENCE'],
  labelKind: ['NATIONAL', 'CAPITAL', 'COMMUNITY', 'METROPOLE', 'THEMATIC_NETWORK', 'HUB_ABROAD'],
  labelStatus: ['ACTIVE', 'WITHDRAWN'],
  legalForm: ['ASSOCIATION_LOI_1901', 'INFORMAL_COLLECTIVE', 'COOPERATIVE', 'UNKNOWN'],
  associationKind: ['NETWORK', 'CLUSTER', 'COLLECTIVE', 'TECHNOPOLE', 'OTHER'],
  institutionKind: [
    'STATE', 'STATE_AGENCY', 'REGION', 'DEPARTMENT_COUNCIL', 'METROPOLIS', 'CITY', 'CHAMBER_OF_COMMERCE',
    'COMPANY', 'COMPETITIVENESS_CLUSTER', 'SCHOOL', 'ADVISORY_COUNCIL', 'NETWORK_OF_NETWORKS', 'ASSOCIATION', 'OTHER',
  ],
  partnershipRole: [
    'HISTORIC_PARTNER', 'FUNDER', 'HOST', 'EVALUATOR', 'LABEL_AUTHORITY', 'MEMBER', 'OPERATOR', 'COOPERATION',
    'SUPPORTER', 'ORGANISER',
  ],
} as const;

const e = (values: readonly string[]) => ({ enum: values }) as const;

export const seedFileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sources: list(record(['slug', 'title', 'publisher', 'kind'], {
      slug, title: text, publisher: text, publishedOn: partialDate, url, file: text, kind: e(ENUMS.sourceKind),
      language: { enum: ['fr', 'en', 'de'] }, note: text, noteEn: text,
    })),
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
        kind: e(ENUMS.labelKind), campaign: slug, grantedOn: partialDate, grantedBy: slug, validFrom: partialDate,
        validTo: partialDate, endConfirmed: { type: 'boolean' }, status: e(ENUMS.labelStatus), theme: text, note: text, noteEn: text, sources,
      })),
      attachments: list(record(['parent', 'from', 'sources'], { parent: slug, ...period, note: text, noteEn: text, sources })),
      sources,
    })),
    associations: list(record(['slug', 'name', 'legalForm', 'sources'], {
      slug, name: text, legalForm: e(ENUMS.legalForm), kind: e(ENUMS.associationKind), foundedIn: partialDate,
      seat: slug, mission: text, missionEn: text, website: url, note: text, noteEn: text,
      carries: list(record(['ecosystem', 'sources'], { ecosystem: slug, ...period, sources })),
      sources,
    })),
    institutions: list(record(['slug', 'name', 'kind', 'sources'], {
      slug, name: text, kind: e(ENUMS.institutionKind), parent: slug, seat: slug, territory: ref,
      foundedIn: partialDate, description: text, descriptionEn: text, website: url, note: text, noteEn: text, sources,
    })),
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
      ecosystems: list(record(['ecosystem', 'role', 'sources'], { ecosystem: slug, role: e(Object.values(HubRole)), ...period, sources })),
      sources,
    })),
    programmes: list(fieldsRecord(PROGRAMME_FIELDS, ['sources'], {
      operator: ref,
      eligibility: record([], {
        headcountBelow: { type: 'integer', minimum: 1 }, headcountAtLeast: { type: 'integer', minimum: 0 },
        stages: list(e(Object.values(CompanyStage))), note: text, noteEn: text,
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
      partner: ref, target: ref, role: e(ENUMS.partnershipRole), ...period, note: text, noteEn: text, sources,
    })),
    figures: list(fieldsRecord(FIGURE_FIELDS, ['subject', 'value', 'sources'], {
      subject: ref, value: { type: 'number' }, sources,
    })),
  },
} as const;

export type SeedCollection = keyof typeof seedFileSchema.properties;
export const COLLECTIONS = Object.keys(seedFileSchema.properties) as SeedCollection[];
