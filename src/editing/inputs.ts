import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

export const SOURCES_DOC = 'Slugs of the sources that support this change (at least one; see `sources`/`source(slug:)`). They are added to the record\'s citations.';
export const VERSION_DOC = 'The `version` of the record the change is based on. If the record has changed since, the mutation answers a CONFLICT user error with the current version and changes nothing.';
export const DATE_DOC = 'A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.';

/** Input of every `<thing>Archive` mutation. */
@InputType({ description: 'Archives a record: it leaves the public lists, by-slug lookups and node(); nothing is deleted and the audit trail keeps it.' })
export class ArchiveInput {
  @Field(() => ID, { description: 'Global ID of the record to archive.' })
  id!: string;

  @Field(() => Int, { description: VERSION_DOC })
  expectedVersion!: number;

  @Field(() => [String], { description: 'Slugs of the sources that say the record is gone or wrong (at least one).' })
  sources!: string[];
}

@ArgsType()
export class ArchiveArgs {
  @Field(() => ArchiveInput, { description: 'What to archive.' })
  input!: ArchiveInput;
}
