import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { sql } from '../database/sql.js';
import { Ecosystem, LabelKind } from './ecosystem.types.js';
import {
  childrenOf, descendantsOf, ECOSYSTEM_COLUMNS, ecosystemBySlug, labelOn, labelsByEcosystem, labelUnconfirmedSql, toEcosystem,
  type EcosystemNode, type EcosystemRow,
} from './ecosystem.loaders.js';
import { ASOF_DESCRIPTION } from './ecosystem.resolver.js';
import { CERTAINTY_FIELDS, certaintyOn, coverageOn, NetworkCoverage, type Certainty } from './certainty.js';
import { compareText } from '../shared/collation.js';

/** Slug of the root of the hierarchy, La French Tech. */
export const ROOT_SLUG = 'la-french-tech';

@ObjectType({ description: 'The French Tech network on a date: its root and its labelled ecosystems, with how far the sources confirm it and how much of it the data names.' })
export class NationalNetwork {
  @Field(() => LocalDateResolver, { description: 'The date asked for.' })
  asOf!: string;

  @Field(() => LocalDateResolver, { description: CERTAINTY_FIELDS.stateOn })
  stateOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: CERTAINTY_FIELDS.confirmedUntil })
  confirmedUntil!: string | null;

  @Field({ description: CERTAINTY_FIELDS.confirmed })
  confirmed!: boolean;
}

@ObjectType({ description: 'How many ecosystems hold each kind of label on the date.' })
export class NetworkCount {
  @Field(() => LabelKind, { description: 'Kind of label.' })
  kind!: LabelKind;

  @Field(() => Int, { description: 'Ecosystems holding it.' })
  count!: number;
}

type NetworkRoot = NationalNetwork & Certainty & { labelled?: Promise<{ node: EcosystemNode; kind: string }[]> };

@Resolver(() => NationalNetwork)
export class NetworkResolver {
  @Query(() => NationalNetwork, { description: 'The national network on a date: La French Tech, its capitals and its communities, as labelled that day. After the last sourced labelling period (`confirmedUntil`) it is the last confirmed state, read on `stateOn` and flagged `confirmed: false`.' })
  async network(@Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, { nullable: true, description: ASOF_DESCRIPTION }) asOf?: string): Promise<NationalNetwork> {
    return certaintyOn(ctx.em, asOf ?? ctx.today);
  }

  @FieldResolver(() => Ecosystem, { nullable: true, description: 'La French Tech, the root of the hierarchy.' })
  root(@Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemBySlug).load(ROOT_SLUG);
  }

  @FieldResolver(() => [Ecosystem], { description: 'Capitals attached to the root on `stateOn`, by slug.' })
  async capitals(@Root() network: NetworkRoot, @Ctx() ctx: RequestContext) {
    const root = await ctx.loader(ecosystemBySlug).load(ROOT_SLUG);
    return root ? childrenOf(ctx, root.uuid, network.stateOn, LabelKind.CAPITAL) : [];
  }

  @FieldResolver(() => [Ecosystem], { description: 'Communities on `stateOn`, wherever they hang (under a capital or directly under the root), by slug.' })
  async communities(@Root() network: NetworkRoot, @Ctx() ctx: RequestContext) {
    return (await this.labelled(network, ctx)).filter((e) => e.kind === LabelKind.COMMUNITY).map((e) => e.node);
  }

  @FieldResolver(() => [NetworkCount], { description: 'How many ecosystems hold each kind of label on `stateOn`.' })
  async counts(@Root() network: NetworkRoot, @Ctx() ctx: RequestContext) {
    const counts = new Map<string, number>();
    for (const { kind } of await this.labelled(network, ctx)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => compareText(a.kind, b.kind));
  }

  @FieldResolver(() => [NetworkCoverage], { description: 'Per kind (capitals, communities) and place (France, abroad): how many labels in force on `stateOn` the data names, and how many the official figures count, with the figure and its sources. Public pages do not name every label: a client can print "32 communities, 28 shown".' })
  async coverage(@Root() network: NetworkRoot, @Ctx() ctx: RequestContext) {
    const labelled = await this.labelled(network, ctx);
    return coverageOn(ctx.em, network.stateOn, (kind, inFrance) =>
      labelled.filter((e) => e.kind === kind && (e.node.countryCode === 'FR') === inFrance).length);
  }

  @FieldResolver(() => [Ecosystem], { description: 'Capitals and communities whose label period ended before `stateOn` with no source saying what followed (label status UNCONFIRMED): perhaps renewed, perhaps not. Not counted in the network; by slug.' })
  async unconfirmed(@Root() network: NetworkRoot, @Ctx() ctx: RequestContext) {
    const rows = await sql<EcosystemRow>(ctx.em,
      `select ${ECOSYSTEM_COLUMNS} from ecosystem e
       where exists (select 1 from label l where l.ecosystem_id = e.id and l.kind in ('CAPITAL', 'COMMUNITY') and ${labelUnconfirmedSql('$1::date')})
       order by e.slug`, [network.stateOn]);
    return rows.map(toEcosystem);
  }

  private labelled(network: NetworkRoot, ctx: RequestContext): Promise<{ node: EcosystemNode; kind: string }[]> {
    network.labelled ??= (async () => {
      const root = await ctx.loader(ecosystemBySlug).load(ROOT_SLUG);
      if (!root) return [];
      const all = (await descendantsOf(ctx, root.uuid, network.stateOn)).sort((a, b) => compareText(a.slug, b.slug));
      const labels = await ctx.loader(labelsByEcosystem).loadMany(all.map((e) => e.uuid));
      return all.map((node, i) => ({ node, kind: labelOn(labels[i] as never, network.stateOn)?.kind ?? '' }));
    })();
    return network.labelled;
  }
}
