import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';

@ObjectType({ description: 'One change in the audit trail: who made it, when, to which record, and the values before and after. Readable with an API token (role viewer and up).' })
export class AuditEntry {
  @Field(() => DateTimeResolver, { description: 'When the change was committed.' })
  at!: Date;

  @Field({ description: 'Who made it: the name of the API token used, or `seed:<version of the seed files>` for the seed loader.' })
  author!: string;

  @Field({ description: 'The mutation that made it, e.g. `communityRename`; for the seed loader `seedInsert`, `seedUpdate`, `seedForce` (a reload run with --force overwrote an edit made through the API) or `seedAccept` (the seed files now say what an API edit made). The seed loader\'s before and after are the record in seed-file form.' })
  action!: string;

  @Field({ description: 'GraphQL type of the record changed, e.g. `Ecosystem`.' })
  recordType!: string;

  @Field(() => ID, { description: 'Global ID of the record changed (still valid if the record is gone).' })
  recordId!: string;

  @Field(() => Node, { nullable: true, description: 'The record changed, as it is now; null if it no longer exists.' })
  record!: unknown;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'Values before the change; null for a creation.' })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'Values after the change; null for a deletion.' })
  after!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Id of the HTTP request that made the change (the `x-request-id` response header), to find it in the server log.' })
  requestId!: string | null;
}
