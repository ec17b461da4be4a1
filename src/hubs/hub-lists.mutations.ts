import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { itemSources, LIST_DOC, setChildList, writePositioned, type ChildList } from '../editing/child-lists.js';
import { DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { day } from '../editing/references.js';
import { lastDay } from '../shared/partial-date.js';
import { payloadType } from '../editing/user-error.js';
import { HUB_KIND } from './hub.mutations.js';
import { Hub, HubRole } from './hub.types.js';

/** `hubs[].ecosystems` of the seed files: the ecosystems a hub serves, in which role, over which period. */
export const HUB_ECOSYSTEMS: ChildList = {
  parent: HUB_KIND, field: 'ecosystems',
  read: (em, id) => sql<{ item: Record<string, unknown> }>(em,
    `select jsonb_strip_nulls(jsonb_build_object('ecosystem', e.slug, 'role', he.role, 'from', he.valid_from, 'to', he.valid_to, 'sources', ${itemSources('HubEcosystem', 'he')})) as item
     from hub_ecosystem he join ecosystem e on e.id = he.ecosystem_id where he.hub_id = $1 order by he.position`, [id]).then((rows) => rows.map((r) => r.item)),
  async write(em, refs, id, items) {
    await writePositioned(em, 'hub_ecosystem', 'hub_id', id, 'HubEcosystem', await Promise.all((items as Record<string, any>[]).map(async (h) => ({
      columns: { ecosystem_id: await refs.id('ecosystem', h.ecosystem), role: h.role, valid_from: day(h.from), valid_to: lastDay(h.to) },
      sources: h.sources as string[],
    }))));
  },
};

@InputType({ description: 'An ecosystem a hub serves, in a role, over a period. Rules: the seed files\' `hubs[].ecosystems`.' })
export class HubLinkInput {
  @Field({ description: 'Slug of the ecosystem.' }) ecosystem!: string;
  @Field(() => HubRole, { description: 'What the hub is for it.' }) role!: HubRole;
  @Field(() => String, { nullable: true, description: `First day of the link. ${DATE_DOC}` }) from?: string;
  @Field(() => String, { nullable: true, description: `Last day of the link. ${DATE_DOC}` }) to?: string;
  @Field(() => [String], { description: 'Slugs of the sources that attest this link (at least one).' }) sources!: string[];
}

@InputType({ description: `Sets the ecosystems a hub serves. ${LIST_DOC}` })
export class HubEcosystemsSetInput {
  @Field(() => ID, { description: 'Global ID of the hub.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [HubLinkInput], { description: 'Every ecosystem it serves or served, in the order of the sources; an empty list removes them all.' }) ecosystems!: HubLinkInput[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const HubPayload = payloadType('HubPayload', Hub, 'hub', 'What a hub mutation did.');

@Resolver()
export class HubListMutations {
  @Mutation(() => HubPayload, { description: 'Sets the ecosystems a hub serves, with its role and the periods (editors); states the version it is based on.' })
  async hubEcosystemsSet(@Arg('input', () => HubEcosystemsSetInput, { description: 'The hub and its whole list.' }) input: HubEcosystemsSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('hub', await setChildList(ctx, HUB_ECOSYSTEMS, 'hubEcosystemsSet', input as never));
  }
}
