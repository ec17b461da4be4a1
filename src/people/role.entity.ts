import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { archivedAt, date, datePrecision, notArchived, reference, text, uuidKey, versionColumn } from '../database/columns.js';
import { Person } from './person.entity.js';

/** A public role of a person in an association, institution or ecosystem (the person's `position`-th). */
export const Role = defineEntity({
  name: 'Role',
  tableName: 'role',
  properties: {
    id: uuidKey(),
    personId: reference(Person, 'person_id').deleteRule('cascade'),
    position: p.integer(),
    title: text('title'),
    organisationType: p.enum(['Association', 'Institution', 'Ecosystem'] as const).columnType('text').fieldName('organisation_type'),
    organisationId: p.uuid().fieldName('organisation_id'),
    validFrom: date('valid_from').nullable(),
    validTo: date('valid_to').nullable(),
    asOf: date('as_of').nullable(),
    asOfPrecision: datePrecision('as_of_precision').nullable(),
    current: p.boolean().default(false),
    version: versionColumn(),
    archivedAt: archivedAt(),
  },
  uniques: [{ properties: ['personId', 'position'] }],
  indexes: [{ name: 'role_organisation_idx', properties: ['organisationId'] }],
  filters: notArchived,
});
export type Role = InferEntity<typeof Role>;
