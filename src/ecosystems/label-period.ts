import { lastDayOf, parsePartialDate, type DatePrecision } from '../shared/partial-date.js';

/** What a campaign says of the period of the labels it grants (days, `YYYY-MM-DD`). */
export interface CampaignPeriod {
  periodStart: string | null;
  periodEnd: string | null;
  /** Day the results were announced; the earliest a label can count when the period's start is unknown. */
  announcedOn: string | null;
  announcedOnPrecision: DatePrecision | null;
}

export interface LabelPeriod {
  validFrom: string;
  validFromPrecision: DatePrecision;
  validTo: string | null;
  validToPrecision: DatePrecision | null;
}

/**
 * The period a label counts in force, from its own dates and its campaign's (issue 10):
 * - it starts on the first day its start names, but never before the campaign that granted it opened
 *   (a community labelled "2019" counts from 3 April 2019, not 1 January); the precision stays the
 *   source's, so the API can print "2019";
 * - it ends on its own end when a source gives one, else on the end of its campaign's period (the
 *   2023–2025 labels end on 2025-12-31, per the official labelling page); without either it is open.
 * One rule for the seed loader and for `labelGrant`.
 */
export function labelPeriod(validFrom: string | number, validTo: string | number | null | undefined, campaign: CampaignPeriod | null): LabelPeriod {
  const from = parsePartialDate(validFrom)!;
  const opened = campaign?.periodStart ?? (campaign?.announcedOnPrecision === 'DAY' ? campaign.announcedOn : null);
  const start = opened && opened > from.date && opened <= lastDayOf(from) ? opened : from.date;
  const to = validTo === undefined || validTo === null ? null : parsePartialDate(validTo)!;
  if (to) return { validFrom: start, validFromPrecision: from.precision, validTo: lastDayOf(to), validToPrecision: to.precision };
  if (campaign?.periodEnd) return { validFrom: start, validFromPrecision: from.precision, validTo: campaign.periodEnd, validToPrecision: 'DAY' };
  return { validFrom: start, validFromPrecision: from.precision, validTo: null, validToPrecision: null };
}
