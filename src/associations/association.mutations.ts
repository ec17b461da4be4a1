import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Association as AssociationEntity } from './association.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { recordInput } from '../editing/record-fields.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { Association } from './association.types.js';
import { associationById } from './association.loaders.js';
import { ASSOCIATION_FIELDS, associationRecord } from './association.record.js';

export const ASSOCIATION_KIND: EditableKind<AssociationEntity> = {
  typename: 'Association', entity: AssociationEntity, collection: 'associations', refKind: 'association', byId: associationById, cited: true,
  ...associationRecord,
};

const SEAT_DOC = 'Territory slug of the commune (or city abroad) of its seat, e.g. "commune-59350" (see `territory(slug:)`).';

@InputType({ description: 'A new supporting association. Fields and rules are those of the seed files (seeds/README.md, `associations`).' })
export class AssociationCreateInput extends recordInput('Association', ASSOCIATION_FIELDS, 'create') {
  @Field(() => String, { nullable: true, description: SEAT_DOC }) seat?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to an association: only the fields given change; null clears an optional field.' })
export class AssociationUpdateInput extends recordInput('Association', ASSOCIATION_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the association.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: SEAT_DOC }) seat?: string | null;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const AssociationPayload = payloadType('AssociationPayload', Association, 'association', 'What an association mutation did: the association as it is now, or why nothing changed.');
const AssociationArchivePayload = archivePayloadType('AssociationArchivePayload', 'Association');

@Resolver()
export class AssociationMutations {
  @Mutation(() => AssociationPayload, { description: 'Records a supporting association (editors).' })
  async associationCreate(@Arg('input', () => AssociationCreateInput, { description: 'The association.' }) input: AssociationCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('association', await createRecord(ctx, ASSOCIATION_KIND, 'associationCreate', input as never));
  }

  @Mutation(() => AssociationPayload, { description: 'Corrects an association (editors); states the version it is based on.' })
  async associationUpdate(@Arg('input', () => AssociationUpdateInput, { description: 'The changes.' }) input: AssociationUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('association', await updateRecord(ctx, ASSOCIATION_KIND, 'associationUpdate', input as never));
  }

  @Mutation(() => AssociationArchivePayload, { description: 'Archives an association (editors): it leaves the public API.' })
  associationArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, ASSOCIATION_KIND, 'associationArchive', input);
  }
}
