import { Field, ID, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';

export enum UserErrorCode {
  VALIDATION = 'VALIDATION',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  REFERENCE = 'REFERENCE',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused an input. Business errors come back in `userErrors`; nothing was written.',
  valuesConfig: {
    VALIDATION: { description: 'A rule of the data is broken (the seed loader\'s rules: required field, enum, date that does not exist, period that ends before it starts, missing source…).' },
    NOT_FOUND: { description: 'The record to change does not exist (or is archived).' },
    CONFLICT: { description: 'The record changed since the version the edit was based on (`currentVersion` says which it is now); read it again and re-apply the change.' },
    REFERENCE: { description: 'The input names a record that does not exist (unknown source, ecosystem, locality…).' },
  },
});

@ObjectType({ description: 'A business error of a mutation: which input field, what is wrong, and a code. When a payload has user errors, nothing was written.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the field at fault in the mutation\'s `input` (e.g. ["sources", "0"]); null when the error concerns the input as a whole.' })
  field!: string[] | null;

  @Field({ description: 'What is wrong, in words (the same messages as the seed loader).' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable category.' })
  code!: UserErrorCode;

  @Field(() => Int, { nullable: true, description: 'For CONFLICT: the record\'s current version, to re-read and retry against.' })
  currentVersion?: number | null;
}

export function userError(field: string[] | null, message: string, code: UserErrorCode, currentVersion: number | null = null): UserError {
  return { field, message, code, currentVersion };
}

/** Seed notation (`labels[0].validFrom`) → path (`["labels", "0", "validFrom"]`). */
export function seedFieldPath(field: string): string[] {
  return field.split(/[.[\]]/).filter(Boolean);
}

const payloadTypes = new Map<string, ClassType>();

/** `<Name>Payload { <field>: <Record>, userErrors: [UserError!]! }` — the changed record is null when there are user errors. */
export function payloadType(name: string, recordType: ClassType | (() => unknown), field: string, description: string): ClassType {
  const existing = payloadTypes.get(name);
  if (existing) return existing;
  @ObjectType(name, { description })
  class Payload {
    @Field(() => [UserError], { description: 'Business errors; empty when the change was made.' })
    userErrors!: UserError[];
  }
  const typeFn = typeof recordType === 'function' && /^class /.test(recordType.toString()) ? () => recordType : (recordType as () => unknown);
  Field(typeFn as () => ClassType, { nullable: true, description: 'The record as it is after the change; null when the change was refused.' })(Payload.prototype, field);
  payloadTypes.set(name, Payload);
  return Payload;
}

/** `<Name>Payload { archivedId: ID, userErrors }` for archive mutations: archived records leave the public API. */
export function archivePayloadType(name: string, typename: string): ClassType {
  const existing = payloadTypes.get(name);
  if (existing) return existing;
  @ObjectType(name, { description: `What \`${typename[0]!.toLowerCase()}${typename.slice(1)}Archive\` did.` })
  class Payload {
    @Field(() => ID, { nullable: true, description: `Global ID of the archived ${typename}; it no longer appears in lists, by-slug lookups or node(). Null when refused.` })
    archivedId!: string | null;

    @Field(() => [UserError], { description: 'Business errors; empty when the record was archived.' })
    userErrors!: UserError[];
  }
  payloadTypes.set(name, Payload);
  return Payload;
}
