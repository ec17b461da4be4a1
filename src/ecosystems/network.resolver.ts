import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { Ecosystem, LabelKind } from './ecosystem.types.js';
import { childrenOf, descendantsOf, ecosystemBySlug, labelOn, labelsByEcosystem, type EcosystemNode } from './ecosystem.loaders.js';
import { ASOF_DESCRIPTION } from './ecosystem.resolver.js';

/** Slug of the root of the hierarchy, La French Tech. */
export const ROOT_SLUG = 'la-french-tech';

@ObjectType({ description: 'The French Tech network on a date: its root and its labelled ecosystems.' })
export class NationalNetwork {
  @Field(() => LocalDateResolver, { description: 'The date the network is read at.' })
  asOf!: string;
}

@ObjectType({ description: 'How many ecosystems hold each kind of label on the date.' })
export class NetworkCount {
  @Field(() => LabelKind, { description: 'Kind of label.' })
  kind!: LabelKind;

  @Field(() => Int, { description: 'Ecosystems holding it.' })
  count!: number;
}

@Resolver(() => NationalNetwork)
export class NetworkResolver {
  @Query(() => NationalNetwork, { description: 'The national network on a date: La French Tech, its capitals and its communities, as labelled that day.' })
  network(@Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateResolver, { nullable: true, description: ASOF_DESCRIPTION }) asOf?: string): NationalNetwork {
    return { asOf: asOf ?? ctx.today };
  }

  @FieldResolver(() => Ecosystem, { nullable: true, description: 'La French Tech, the root of the hierarchy.' })
  root(@Ctx() ctx: RequestContext) {
    return ctx.loader(ecosystemBySlug).load(ROOT_SLUG);
  }

  @FieldResolver(() => [Ecosystem], { description: 'Capitals attached to the root on the date, by slug.' })
  async capitals(@Root() network: NationalNetwork, @Ctx() ctx: RequestContext) {
    const root = await ctx.loader(ecosystemBySlug).load(ROOT_SLUG);
    return root ? childrenOf(ctx, root.uuid, network.asOf, LabelKind.CAPITAL) : [];
  }

  @FieldResolver(() => [Ecosystem], { description: 'Communities on the date, wherever they hang (under a capital or directly under the root), by slug.' })
  async communities(@Root() network: NationalNetwork, @Ctx() ctx: RequestContext) {
    return (await this.labelled(network, ctx)).filter((e) => e.kind === LabelKind.COMMUNITY).map((e) => e.node);
  }

  @FieldResolver(() => [NetworkCount], { description: 'How many ecosystems hold each kind of label on the date.' })
  async counts(@Root() network: NationalNetwork, @Ctx() ctx: RequestContext) {
    const counts = new Map<string, number>();
    for (const { kind } of await this.labelled(network, ctx)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
  }

  private async labelled(network: NationalNetwork, ctx: RequestContext): Promise<{ node: EcosystemNode; kind: string }[]> {
    const root = await ctx.loader(ecosystemBySlug).load(ROOT_SLUG);
    if (!root) return [];
    const all = (await descendantsOf(ctx, root.uuid, network.asOf)).sort((a, b) => a.slug.localeCompare(b.slug));
    const labels = await ctx.loader(labelsByEcosystem).loadMany(all.map((e) => e.uuid));
    return all.map((node, i) => ({ node, kind: labelOn(labels[i] as never, network.asOf)?.kind ?? '' }));
  }
}
