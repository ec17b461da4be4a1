import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Source as SourceEntity } from './source.entity.js';
import type { RequestContext } from '../graphql/context.js';
import { ArchiveArgs, VERSION_DOC } from '../editing/inputs.js';
import { recordInput } from '../editing/record-fields.js';
import { archivePayloadType, payloadType } from '../editing/user-error.js';
import { archiveRecord, createRecord, updateRecord, type EditableKind } from '../editing/records.js';
import { asPayload } from '../editing/payload.js';
import { Source } from './source.types.js';
import { sourceById } from './source.loaders.js';
import { SOURCE_FIELDS, sourceRecord } from './source.record.js';

/** A source is its own citation: its input has no `sources` (the archive input still names one that supersedes it). */
export const SOURCE_KIND: EditableKind<SourceEntity> = {
  typename: 'Source', entity: SourceEntity, collection: 'sources', refKind: 'source', byId: sourceById, cited: false,
  ...sourceRecord,
};

@InputType({ description: 'A new source (press article, official page, dataset…). Rules: the seed files\' `sources`; a url or a file is required.' })
export class SourceCreateInput extends recordInput('Source', SOURCE_FIELDS, 'create') {
}

@InputType({ description: 'Changes to a source: only the fields given change; null clears an optional field.' })
export class SourceUpdateInput extends recordInput('Source', SOURCE_FIELDS, 'update') {
  @Field(() => ID, { description: 'Global ID of the source.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
}

const SourcePayload = payloadType('SourcePayload', Source, 'source', 'What a source mutation did.');
const SourceArchivePayload = archivePayloadType('SourceArchivePayload', 'Source');

@Resolver()
export class SourceMutations {
  @Mutation(() => SourcePayload, { description: 'Records a source (editors); cite it by slug in other changes.' })
  async sourceCreate(@Arg('input', () => SourceCreateInput, { description: 'The source.' }) input: SourceCreateInput, @Ctx() ctx: RequestContext) {
    return asPayload('source', await createRecord(ctx, SOURCE_KIND, 'sourceCreate', { ...input, sources: [] }));
  }

  @Mutation(() => SourcePayload, { description: 'Corrects a source (editors); states the version it is based on.' })
  async sourceUpdate(@Arg('input', () => SourceUpdateInput, { description: 'The changes.' }) input: SourceUpdateInput, @Ctx() ctx: RequestContext) {
    return asPayload('source', await updateRecord(ctx, SOURCE_KIND, 'sourceUpdate', { ...input, sources: [] }));
  }

  @Mutation(() => SourceArchivePayload, { description: 'Archives a source (editors): it can no longer be cited by new changes.' })
  sourceArchive(@Args() { input }: ArchiveArgs, @Ctx() ctx: RequestContext) {
    return archiveRecord(ctx, SOURCE_KIND, 'sourceArchive', input);
  }
}
