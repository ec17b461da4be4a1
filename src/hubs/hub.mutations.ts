import { Arg, Args, Ctx, Field, Float, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { recordInput } from '../editing/record-fields.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { OperatorReference } from '../editing/typed-references.js';
import { Hub as HubType } from './hub.types.js';
import { hubById } from './hub.loaders.js';
import { Hub } from './hub.entity.js';
import { HUB_FIELDS, hubRecord } from './hub.record.js';

export const HUB_KIND: EditableKind<Hub> = {
  typename: 'Hub', entity: Hub, collection: 'hubs', refKind: 'hub', byId: hubById, cited: true, ...hubRecord,
};

const LOCALITY_DOC = 'Territory slug of its commune (or city abroad), e.g. "commune-59350".';
const OPERATOR_DOC = 'Who runs it: an association or an institution.';

@InputType({ description: 'A new place of the network (totem, incubator, venue…). Rules: the seed files\' `hubs`.' })
export class HubCreateInput extends recordInput('Hub', HUB_FIELDS, 'create') {
  @Field({ description: LOCALITY_DOC }) locality!: string;
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84); goes with longitude.' }) latitude?: number;
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84); goes with latitude.' }) longitude?: number;
  @Field(() => OperatorReference, { nullable: true, description: OPERATOR_DOC }) operator?: OperatorReference;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to a hub: only the fields given change; null clears an optional field.' })
export class HubUpdateInput extends recordInput('Hub', HUB_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the hub.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: LOCALITY_DOC }) locality?: string;
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84).' }) latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84).' }) longitude?: number | null;
  @Field(() => OperatorReference, { nullable: true, description: OPERATOR_DOC }) operator?: OperatorReference | null;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const HubPayload = payloadType('HubPayload', HubType, 'hub', 'What a hub mutation did.');
const HubArchivePayload = archivePayloadType('HubArchivePayload', 'Hub');

@Resolver()
export class HubMutations {
  @Mutation(() => HubPayload, { description: 'Records a hub (editors).' })
  async hubCreate(@Arg('input', () => HubCreateInput, { description: 'The hub.' }) input: HubCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('hub', await createRecord(ctx, HUB_KIND, 'hubCreate', input as never));
  }

  @Mutation(() => HubPayload, { description: 'Corrects a hub (editors); states the version it is based on.' })
  async hubUpdate(@Arg('input', () => HubUpdateInput, { description: 'The changes.' }) input: HubUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('hub', await updateRecord(ctx, HUB_KIND, 'hubUpdate', input as never));
  }

  @Mutation(() => HubArchivePayload, { description: 'Archives a hub (editors).' })
  hubArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, HUB_KIND, 'hubArchive', input);
  }
}
