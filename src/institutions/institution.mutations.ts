import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Institution as InstitutionEntity } from './institution.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { recordInput } from '../editing/record-fields.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { TerritoryReference } from '../editing/typed-references.js';
import { Institution } from './institution.types.js';
import { institutionById } from './institution.loaders.js';
import { INSTITUTION_FIELDS, institutionRecord } from './institution.record.js';

export const INSTITUTION_KIND: EditableKind<InstitutionEntity> = {
  typename: 'Institution', entity: InstitutionEntity, collection: 'institutions', refKind: 'institution', byId: institutionById, cited: true,
  ...institutionRecord,
};

const TERRITORY_DOC = 'The territory it governs or covers: a region, a department, a commune, an area or a country.';

@InputType({ description: 'A new institution (state, agency, local authority, company, school…). Rules: the seed files\' `institutions`.' })
export class InstitutionCreateInput extends recordInput('Institution', INSTITUTION_FIELDS, 'create') {
  @Field(() => String, { nullable: true, description: 'Slug of the institution it belongs to.' }) parent?: string;
  @Field(() => String, { nullable: true, description: 'Territory slug of the commune of its seat, e.g. "commune-75056".' }) seat?: string;
  @Field(() => TerritoryReference, { nullable: true, description: TERRITORY_DOC }) territory?: TerritoryReference;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to an institution: only the fields given change; null clears an optional field.' })
export class InstitutionUpdateInput extends recordInput('Institution', INSTITUTION_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the institution.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'Slug of the institution it belongs to.' }) parent?: string | null;
  @Field(() => String, { nullable: true, description: 'Territory slug of the commune of its seat.' }) seat?: string | null;
  @Field(() => TerritoryReference, { nullable: true, description: TERRITORY_DOC }) territory?: TerritoryReference | null;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const InstitutionPayload = payloadType('InstitutionPayload', Institution, 'institution', 'What an institution mutation did.');
const InstitutionArchivePayload = archivePayloadType('InstitutionArchivePayload', 'Institution');

@Resolver()
export class InstitutionMutations {
  @Mutation(() => InstitutionPayload, { description: 'Records an institution (editors).' })
  async institutionCreate(@Arg('input', () => InstitutionCreateInput, { description: 'The institution.' }) input: InstitutionCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('institution', await createRecord(ctx, INSTITUTION_KIND, 'institutionCreate', input as never));
  }

  @Mutation(() => InstitutionPayload, { description: 'Corrects an institution (editors); states the version it is based on.' })
  async institutionUpdate(@Arg('input', () => InstitutionUpdateInput, { description: 'The changes.' }) input: InstitutionUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('institution', await updateRecord(ctx, INSTITUTION_KIND, 'institutionUpdate', input as never));
  }

  @Mutation(() => InstitutionArchivePayload, { description: 'Archives an institution (editors).' })
  institutionArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, INSTITUTION_KIND, 'institutionArchive', input);
  }
}
