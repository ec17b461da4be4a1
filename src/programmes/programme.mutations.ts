import { Arg, Args, Ctx, Field, Float, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Programme as ProgrammeEntity } from './programme.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { recordInput } from '../editing/record-fields.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { OperatorReference } from '../editing/typed-references.js';
import { CompanyStage, Programme } from './programme.types.js';
import { programmeById } from './programme.loaders.js';
import { PROGRAMME_FIELDS, programmeRecord } from './programme.record.js';

export const PROGRAMME_KIND: EditableKind<ProgrammeEntity> = {
  typename: 'Programme', entity: ProgrammeEntity, collection: 'programmes', refKind: 'programme', byId: programmeById, cited: true,
  ...programmeRecord,
};

@InputType({ description: 'Who a programme is for. Replaces the whole eligibility when given.' })
export class EligibilityInput {
  @Field(() => Int, { nullable: true, description: 'Only companies with fewer employees than this.' }) headcountBelow?: number;
  @Field(() => Int, { nullable: true, description: 'Only companies with at least this many employees.' }) headcountAtLeast?: number;
  @Field(() => [CompanyStage], { nullable: true, description: 'Stages it is open to.' }) stages?: CompanyStage[];
  @Field(() => String, { nullable: true, description: 'Other conditions, in words, in French.' }) note?: string;
  @Field(() => String, { nullable: true, description: 'Other conditions, in English (a translation of `note`).' }) noteEn?: string;
}

@InputType({ description: 'What a programme funds. Replaces the whole funding when given.' })
export class FundingInput {
  @Field(() => Float, { nullable: true, description: 'Maximum amount.' }) maxAmount?: number;
  @Field(() => Float, { nullable: true, description: 'Share of the costs funded, in ]0, 1].' }) rate?: number;
  @Field(() => String, { nullable: true, description: 'ISO 4217 currency (EUR when an amount is given without one).' }) currency?: string;
  @Field(() => String, { nullable: true, description: 'Other terms, in words, in French.' }) note?: string;
  @Field(() => String, { nullable: true, description: 'Other terms, in English (a translation of `note`).' }) noteEn?: string;
}

const OPERATOR_DOC = 'Who runs it: an association or an institution.';

@InputType({ description: 'A new programme. Rules: the seed files\' `programmes`.' })
export class ProgrammeCreateInput extends recordInput('Programme', PROGRAMME_FIELDS, 'create') {
  @Field(() => OperatorReference, { nullable: true, description: OPERATOR_DOC }) operator?: OperatorReference;
  @Field(() => EligibilityInput, { nullable: true, description: 'Who it is for.' }) eligibility?: EligibilityInput;
  @Field(() => FundingInput, { nullable: true, description: 'What it funds.' }) funding?: FundingInput;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Changes to a programme: only the fields given change; null clears an optional field.' })
export class ProgrammeUpdateInput extends recordInput('Programme', PROGRAMME_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the programme.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => OperatorReference, { nullable: true, description: OPERATOR_DOC }) operator?: OperatorReference | null;
  @Field(() => EligibilityInput, { nullable: true, description: 'Who it is for.' }) eligibility?: EligibilityInput | null;
  @Field(() => FundingInput, { nullable: true, description: 'What it funds.' }) funding?: FundingInput | null;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const ProgrammePayload = payloadType('ProgrammePayload', Programme, 'programme', 'What a programme mutation did.');
const ProgrammeArchivePayload = archivePayloadType('ProgrammeArchivePayload', 'Programme');

@Resolver()
export class ProgrammeMutations {
  @Mutation(() => ProgrammePayload, { description: 'Records a programme (editors).' })
  async programmeCreate(@Arg('input', () => ProgrammeCreateInput, { description: 'The programme.' }) input: ProgrammeCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('programme', await createRecord(ctx, PROGRAMME_KIND, 'programmeCreate', input as never));
  }

  @Mutation(() => ProgrammePayload, { description: 'Corrects a programme (editors); states the version it is based on.' })
  async programmeUpdate(@Arg('input', () => ProgrammeUpdateInput, { description: 'The changes.' }) input: ProgrammeUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('programme', await updateRecord(ctx, PROGRAMME_KIND, 'programmeUpdate', input as never));
  }

  @Mutation(() => ProgrammeArchivePayload, { description: 'Archives a programme (editors).' })
  programmeArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, PROGRAMME_KIND, 'programmeArchive', input);
  }
}
