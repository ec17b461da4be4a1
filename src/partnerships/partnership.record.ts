import type { EntityData, InferEntity } from '@mikro-orm/core';
import { day, type ReferenceResolver } from '../editing/references.js';
import { lastDay } from '../shared/partial-date.js';
import type { Partnership } from './partnership.entity.js';

type PartnershipRecord = InferEntity<typeof Partnership>;

/** The key that identifies a partnership in the seeds (it has no slug): what it says, `partner>target:role`. */
export const partnershipKey = (d: Record<string, any>): string => `${d.partner}>${d.target}:${d.role}`;

/** A partnership's row from its seed form (seeds/partnerships.yaml). */
export const partnershipRecord = {
  async toData(d: Record<string, any>, refs: ReferenceResolver): Promise<EntityData<PartnershipRecord>> {
    const [partnerType, partnerId] = await refs.polymorphic<PartnershipRecord['partnerType']>(d.partner);
    const [targetType, targetId] = await refs.polymorphic<PartnershipRecord['targetType']>(d.target);
    return {
      key: partnershipKey(d), partnerType: partnerType!, partnerId: partnerId!, targetType: targetType!, targetId: targetId!, role: d.role,
      validFrom: day(d.from), validTo: lastDay(d.to), note: d.note ?? null, noteEn: d.noteEn ?? null,
    };
  },
};
