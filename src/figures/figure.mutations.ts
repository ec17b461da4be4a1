import { Arg, Args, Ctx, Field, Float, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Figure as FigureEntity } from './figure.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { recordInput } from '../editing/record-fields.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { FigureSubjectReference } from '../editing/typed-references.js';
import { Figure } from './figure.types.js';
import { figureById } from './figure.loaders.js';
import { FIGURE_FIELDS, figureRecord } from './figure.record.js';

export const FIGURE_KIND: EditableKind<FigureEntity> = {
  typename: 'Figure', entity: FigureEntity, collection: 'figures', refKind: 'figure', byId: figureById, cited: true, ...figureRecord,
};

const SUBJECT_DOC = 'What it measures: an ecosystem, an association, a programme, an event, a territory…';
const VALUE_DOC = 'The number the source gives (read with `qualifier` and `unit`).';

@InputType({ description: 'A new figure (a number a source gives about a record). Rules: the seed files\' `figures`.' })
export class FigureCreateInput extends recordInput('Figure', FIGURE_FIELDS, 'create') {
  @Field(() => FigureSubjectReference, { description: SUBJECT_DOC }) subject!: FigureSubjectReference;
  @Field(() => Float, { description: VALUE_DOC }) value!: number;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Corrects a figure: only the fields given change; null clears an optional field.' })
export class FigureUpdateInput extends recordInput('Figure', FIGURE_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the figure.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => FigureSubjectReference, { nullable: true, description: SUBJECT_DOC }) subject?: FigureSubjectReference;
  @Field(() => Float, { nullable: true, description: VALUE_DOC }) value?: number;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const FigurePayload = payloadType('FigurePayload', Figure, 'figure', 'What a figure mutation did.');
const FigureArchivePayload = archivePayloadType('FigureArchivePayload', 'Figure');

@Resolver()
export class FigureMutations {
  @Mutation(() => FigurePayload, { description: 'Records a figure (editors).' })
  async figureCreate(@Arg('input', () => FigureCreateInput, { description: 'The figure.' }) input: FigureCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('figure', await createRecord(ctx, FIGURE_KIND, 'figureCreate', input as never));
  }

  @Mutation(() => FigurePayload, { description: 'Corrects a figure (editors); states the version it is based on.' })
  async figureUpdate(@Arg('input', () => FigureUpdateInput, { description: 'The corrections.' }) input: FigureUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('figure', await updateRecord(ctx, FIGURE_KIND, 'figureUpdate', input as never));
  }

  @Mutation(() => FigureArchivePayload, { description: 'Archives a figure (editors).' })
  figureArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, FIGURE_KIND, 'figureArchive', input);
  }
}
