import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { LIST_DOC, setChildList } from '../editing/child-lists.js';
import { DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { TerritoryReference } from '../editing/typed-references.js';
import { payloadType } from '../editing/user-error.js';
import { PROGRAMME_TERRITORIES, PROGRAMME_DEPLOYMENTS } from './programme.record.js';
import { PROGRAMME_KIND } from './programme.mutations.js';
import { Programme } from './programme.types.js';

@InputType({ description: `Sets the territories a programme is open to. ${LIST_DOC}` })
export class ProgrammeTerritoriesSetInput {
  @Field(() => ID, { description: 'Global ID of the programme.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [TerritoryReference], { description: 'Every territory it is open to; an empty list removes them all.' }) territories!: TerritoryReference[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'An ecosystem that deploys a programme, over a period. Rules: the seed files\' `programmes[].deployedBy`.' })
export class ProgrammeDeploymentInput {
  @Field({ description: 'Slug of the ecosystem.' }) ecosystem!: string;
  @Field(() => String, { nullable: true, description: `First day it deploys it. ${DATE_DOC}` }) from?: string;
  @Field(() => String, { nullable: true, description: `Last day it deploys it. ${DATE_DOC}` }) to?: string;
  @Field(() => [String], { description: 'Slugs of the sources that attest this deployment (at least one).' }) sources!: string[];
}

@InputType({ description: `Sets the ecosystems that deploy a programme. ${LIST_DOC}` })
export class ProgrammeDeploymentsSetInput {
  @Field(() => ID, { description: 'Global ID of the programme.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [ProgrammeDeploymentInput], { description: 'Every ecosystem that deploys or deployed it; an empty list removes them all.' }) deployedBy!: ProgrammeDeploymentInput[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const ProgrammePayload = payloadType('ProgrammePayload', Programme, 'programme', 'What a programme mutation did.');

@Resolver()
export class ProgrammeListMutations {
  @Mutation(() => ProgrammePayload, { description: 'Sets the territories a programme is open to (editors); states the version it is based on.' })
  async programmeTerritoriesSet(@Arg('input', () => ProgrammeTerritoriesSetInput, { description: 'The programme and its whole list.' }) input: ProgrammeTerritoriesSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('programme', await setChildList(ctx, PROGRAMME_KIND, PROGRAMME_TERRITORIES, 'programmeTerritoriesSet', input as never));
  }

  @Mutation(() => ProgrammePayload, { description: 'Sets the ecosystems that deploy a programme, with the periods (editors); states the version it is based on.' })
  async programmeDeploymentsSet(@Arg('input', () => ProgrammeDeploymentsSetInput, { description: 'The programme and its whole list.' }) input: ProgrammeDeploymentsSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('programme', await setChildList(ctx, PROGRAMME_KIND, PROGRAMME_DEPLOYMENTS, 'programmeDeploymentsSet', input as never));
  }
}
