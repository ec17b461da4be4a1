import { defineEntity } from '@mikro-orm/core';
import { createdAt, date, datePrecision, reference, text, updatedAt, uuidKey, versionColumn } from '../database/columns.js';
import { Person } from '../people/person.entity.js';

/** A labelling campaign (e.g. the 2019 call for French Tech Capitals). */
export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  properties: {
    id: uuidKey(),
    slug: text('slug').unique(),
    name: text('name'),
    announcedOn: date('announced_on').nullable(),
    announcedOnPrecision: datePrecision('announced_on_precision').nullable(),
    periodStart: date('period_start').nullable(),
    periodEnd: date('period_end').nullable(),
    description: text('description').nullable(),
    descriptionEn: text('description_en').nullable(),
    note: text('note').nullable(),
    noteEn: text('note_en').nullable(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});

/** Who announced a campaign. */
export const CampaignAnnouncer = defineEntity({
  name: 'CampaignAnnouncer',
  tableName: 'campaign_announcer',
  properties: {
    campaignId: reference(Campaign, 'campaign_id').primary().deleteRule('cascade'),
    personId: reference(Person, 'person_id').primary(),
  },
  primaryKeys: ['campaignId', 'personId'],
});
