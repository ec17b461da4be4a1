import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, date, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Ecosystem } from './ecosystem.entity.js';

/** The label hierarchy: a dated edge from an ecosystem (the child's `position`-th) to its parent. */
export const Attachment = defineEntity({
  name: 'Attachment',
  tableName: 'attachment',
  properties: {
    id: uuidKey(),
    childId: reference(Ecosystem, 'child_id').deleteRule('cascade'),
    parentId: reference(Ecosystem, 'parent_id'),
    position: p.integer(),
    validFrom: date('valid_from'),
    validTo: date('valid_to').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [{ properties: ['childId', 'position'] }],
  checks: [
    { name: 'attachment_check', expression: '(child_id <> parent_id)' },
    { name: 'attachment_check1', expression: '((valid_to IS NULL) OR (valid_to >= valid_from))' },
  ],
  indexes: [{ name: 'attachment_parent_idx', properties: ['parentId', 'validFrom'] }],
});
