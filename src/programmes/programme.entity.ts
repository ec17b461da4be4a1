import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { date, editableColumns, notArchived, reference, text, uuidKey } from '../database/columns.js';
import { entityProperties } from '../editing/record-fields.js';
import { Ecosystem } from '../ecosystems/ecosystem.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { PROGRAMME_FIELDS } from './programme.record.js';

/** A support programme, its eligibility and funding. */
export const Programme = defineEntity({
  name: 'Programme',
  tableName: 'programme',
  properties: {
    id: uuidKey(),
    ...entityProperties(PROGRAMME_FIELDS),
    operatorType: p.enum(['Association', 'Institution'] as const).columnType('text').fieldName('operator_type').nullable(),
    operatorId: p.uuid().fieldName('operator_id').nullable(),
    // Eligibility and funding: structured, not plain fields (programme.record.ts maps them).
    headcountBelow: p.integer().fieldName('headcount_below').nullable().check('((headcount_below > 0))'),
    headcountAtLeast: p.integer().fieldName('headcount_at_least').nullable().check('((headcount_at_least >= 0))'),
    stages: p.array().columnType('text[]').defaultRaw("'{}'"),
    eligibilityNote: text('eligibility_note').nullable(),
    eligibilityNoteEn: text('eligibility_note_en').nullable(),
    fundingMaxAmount: p.decimal('number').precision(14).scale(2).fieldName('funding_max_amount').nullable(),
    fundingRate: p.decimal('number').precision(5).scale(4).fieldName('funding_rate').nullable()
      .check('(((funding_rate > (0)::numeric) AND (funding_rate <= (1)::numeric)))'),
    fundingCurrency: p.character().length(3).fieldName('funding_currency').nullable(),
    fundingNote: text('funding_note').nullable(),
    fundingNoteEn: text('funding_note_en').nullable(),
    ...editableColumns(),
  },
  indexes: [{ name: 'programme_operator_idx', properties: ['operatorId'] }],
  filters: notArchived,
});
export type Programme = InferEntity<typeof Programme>;

/** The territories a programme is open to. */
export const ProgrammeTerritory = defineEntity({
  name: 'ProgrammeTerritory',
  tableName: 'programme_territory',
  properties: {
    programmeId: reference(Programme, 'programme_id').primary().deleteRule('cascade'),
    territoryId: reference(Territory, 'territory_id').primary(),
  },
  primaryKeys: ['programmeId', 'territoryId'],
});

/** The ecosystems that deploy a programme, in order, with their periods. */
export const ProgrammeDeployment = defineEntity({
  name: 'ProgrammeDeployment',
  tableName: 'programme_deployment',
  properties: {
    id: uuidKey(),
    programmeId: reference(Programme, 'programme_id').deleteRule('cascade'),
    ecosystemId: reference(Ecosystem, 'ecosystem_id'),
    position: p.integer(),
    validFrom: date('valid_from').nullable(),
    validTo: date('valid_to').nullable(),
  },
  uniques: [{ properties: ['programmeId', 'position'] }],
  indexes: [{ name: 'programme_deployment_ecosystem_idx', properties: ['ecosystemId'] }],
});
