import type { EntityData, InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { day, precision } from '../editing/references.js';
import { lastDay } from '../shared/partial-date.js';
import { Campaign } from './campaign.entity.js';
import type { CampaignPeriod } from './label-period.js';

/** A campaign's period from its seed form: what its labels' periods are worked out from (`labelPeriod`). */
export const campaignPeriod = (d: Record<string, any>): CampaignPeriod => ({
  periodStart: day(d.periodStart), periodEnd: lastDay(d.periodEnd), announcedOn: day(d.announcedOn), announcedOnPrecision: precision(d.announcedOn),
});

/** A campaign's period as the database holds it: `labelRecord`'s `periodOf` for a mutation. */
export const storedCampaignPeriod = (em: EntityManager) => async (slug: string): Promise<CampaignPeriod> => {
  const { periodStart, periodEnd, announcedOn, announcedOnPrecision } = await em.findOneOrFail(Campaign, { slug });
  return { periodStart: periodStart ?? null, periodEnd: periodEnd ?? null, announcedOn: announcedOn ?? null, announcedOnPrecision: announcedOnPrecision ?? null };
};

/** A labelling campaign's row from its seed form (seeds/campaigns.yaml). */
export const campaignRecord = {
  toData(d: Record<string, any>): EntityData<InferEntity<typeof Campaign>> {
    return {
      slug: d.slug, name: d.name, ...campaignPeriod(d),
      description: d.description ?? null, descriptionEn: d.descriptionEn ?? null, note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
