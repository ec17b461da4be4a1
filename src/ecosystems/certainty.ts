import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { sql } from '../database/sql.js';
import { Figure } from '../figures/figure.types.js';
import { figureColumns, toFigure, type FigureNode, type FigureRow } from '../figures/figure.loaders.js';
import { LabelKind } from './ecosystem.types.js';

/**
 * How far the sources reach (issue 10). The last sourced labelling period ends on the latest
 * `campaign.period_end` (2025-12-31 for 2023–2025, per the official labelling page). A date after it
 * is answered with the network as last confirmed — read on that last day, and said so — never as if
 * the labels were still in force, nor as if the network had vanished.
 */
export interface Certainty {
  asOf: string;
  /** The day whose state is served: `asOf`, or `confirmedUntil` when `asOf` is later. */
  stateOn: string;
  /** Last day of the last sourced labelling period; null when no campaign has an end. */
  confirmedUntil: string | null;
  confirmed: boolean;
}

export function certaintyFrom(asOf: string, confirmedUntil: string | null): Certainty {
  const confirmed = confirmedUntil === null || asOf <= confirmedUntil;
  return { asOf, stateOn: confirmed ? asOf : confirmedUntil!, confirmedUntil, confirmed };
}

/** One statement: the end of the last sourced period. */
export async function certaintyOn(em: EntityManager, asOf: string): Promise<Certainty> {
  const [row] = await sql<{ confirmed_until: string | null }>(em, `select max(period_end)::text as confirmed_until from campaign`);
  return certaintyFrom(asOf, row?.confirmed_until ?? null);
}

/** SQL for the day a statement should read, given the asked day as a parameter (the same rule, inline). */
export function stateOnSql(asOf: string): string {
  return `(select least(${asOf}::date, coalesce(max(period_end), ${asOf}::date)) from campaign)`;
}

export const CERTAINTY_FIELDS = {
  stateOn: 'The day whose state is served: `asOf`, or `confirmedUntil` when `asOf` is later (the last confirmed state). Pass it as `asOf` to nested fields.',
  confirmedUntil: 'Last day of the last labelling period a source covers (the end of the 2023–2025 period, 2025-12-31, per the official labelling page). After it, no source says which labels are in force.',
  confirmed: 'true when `asOf` lies within a sourced labelling period; false when the answer is the last confirmed state (read on `confirmedUntil`), not a claim about `asOf`.',
};

/** Where the official totals count labels: France (overseas included) or abroad. */
const OFFICIAL_METRICS: { kind: LabelKind; inFrance: boolean; metric: string }[] = [
  { kind: LabelKind.CAPITAL, inFrance: true, metric: 'capitals' },
  { kind: LabelKind.COMMUNITY, inFrance: true, metric: 'communities-france' },
  { kind: LabelKind.COMMUNITY, inFrance: false, metric: 'communities-abroad' },
];

@ObjectType({ description: 'How much of the network the data names, against the official count: "32 communities, 28 shown".' })
export class NetworkCoverage {
  @Field(() => LabelKind, { description: 'Kind of label.' })
  kind!: LabelKind;

  @Field({ description: 'true: in France (overseas included); false: abroad.' })
  inFrance!: boolean;

  @Field(() => Int, { description: 'Labels of this kind and place in force on the day that the data names (each cited to a source).' })
  named!: number;

  @Field(() => Int, { nullable: true, description: 'The official count for that day: the value of `official` (null when no official figure counts them).' })
  officialCount!: number | null;

  @Field(() => Figure, { nullable: true, description: 'The official figure counted against: the latest figure about La French Tech for this kind and place dated on or before the day, with its sources and notes (some are contested; the note says so).' })
  official!: FigureNode | null;
}

/** The coverage on a day, from the named counts the caller already has; one statement for the figures. */
export async function coverageOn(em: EntityManager, day: string, named: (kind: string, inFrance: boolean) => number): Promise<NetworkCoverage[]> {
  const rows = await sql<FigureRow>(em,
    `select distinct on (f.metric) ${figureColumns(em)}
     from figure f join ecosystem root on root.id = f.subject_id and root.slug = 'la-french-tech'
     where f.metric = any($2::text[]) and f.as_of <= $1::date and f.archived_at is null
     order by f.metric, f.as_of desc, (f.as_of_precision = 'DAY') desc, f.key`,
    [day, OFFICIAL_METRICS.map((m) => m.metric)]);
  const byMetric = new Map(rows.map((r) => [r.metric, toFigure(r)]));
  return OFFICIAL_METRICS.map(({ kind, inFrance, metric }) => {
    const official = byMetric.get(metric) ?? null;
    return { kind, inFrance, named: named(kind, inFrance), official, officialCount: official ? official.value : null };
  });
}
