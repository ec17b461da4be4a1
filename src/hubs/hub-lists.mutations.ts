import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { LIST_DOC, setChildList } from '../editing/child-lists.js';
import { DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { payloadType } from '../editing/user-error.js';
import { HUB_ECOSYSTEMS } from './hub.record.js';
import { HUB_KIND } from './hub.mutations.js';
import { Hub, HubRole } from './hub.types.js';

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
    return asPayload('hub', await setChildList(ctx, HUB_KIND, HUB_ECOSYSTEMS, 'hubEcosystemsSet', input as never));
  }
}
