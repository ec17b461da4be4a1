import 'reflect-metadata';
import { p } from '@mikro-orm/core';
import { Field, InputType, ObjectType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from '../graphql/selection.js';
import { Node } from '../graphql/node.js';
import { PartialDate, partialDate } from '../graphql/common-types.js';
import { date, datePrecision } from '../database/columns.js';
import { day, partial, precision } from './references.js';

/**
 * A record's plain fields, each defined once: its column, its seed-file schema, its GraphQL field and
 * its mutation-input field all come from one line of the record's definition
 * (src/<domain>/<kind>.record.ts). What is not plain (references to other records, child lists,
 * coordinates) stays written by hand beside it.
 *
 *   slug: recordField.slug('Stable, human-readable key.'),
 *   address: recordField.text('Street address, as the sources give it.', { nullable: true }),
 *
 * The property's column is its name in snake_case (`openedIn` → `opened_in`); a partial date is two
 * columns (`opened_in`, `opened_in_precision`) and one GraphQL `PartialDate`.
 */
export interface FieldOptions<Nullable extends boolean = boolean> {
  /** The column accepts null, the seed record and the create input may leave it out. Default: required. */
  nullable?: Nullable;
  /**
   * How the GraphQL type serves it: `field` (default) as it is stored; `resolver` by a field resolver
   * written beside the type (a text in the language asked).
   */
  output?: 'field' | 'resolver';
  /** Whether the create and update inputs take it. Default: true. */
  input?: boolean;
  /** A unique column (its constraint is named `<table>_<column>_key`). */
  unique?: boolean;
}

interface FieldBase<Value> extends Required<Omit<FieldOptions, 'unique'>> {
  readonly description: string;
  /** The GraphQL type of the field. */
  readonly graphqlType: () => unknown;
  /** The GraphQL type of its input, when not the field's (URLs and partial dates are written as text). */
  readonly inputType?: () => unknown;
  /** The JSON Schema of its value in the seed files. */
  readonly seed: object;
  /** Phantom: the value the GraphQL object holds. */
  readonly value?: Value;
  /** The value a record gets when its seed or create input leaves the field out (the column's default). */
  readonly default?: string;
}

/** Options of an enumeration field. */
export interface EnumerationOptions<E extends string> {
  /** The column has a check constraint listing the values (as the migrations wrote some). */
  checked?: boolean;
  /** The value a record gets when its seed or create input leaves the field out; the seed files leave it out. */
  default?: E;
}

/** A field stored in one column. */
export interface ColumnField<Builder, Value> extends FieldBase<Value> {
  readonly kind: 'column';
  readonly column: Builder;
}

/** A date as precise as its source: a date column and its precision column. */
export interface PartialDateField<DateBuilder, PrecisionBuilder> extends FieldBase<PartialDate | null> {
  readonly kind: 'partialDate';
  readonly column: DateBuilder;
  readonly precision: PrecisionBuilder;
}

export type RecordField = ColumnField<unknown, unknown> | PartialDateField<unknown, unknown>;
export type RecordFields = Record<string, RecordField>;

/** The seed files' schemas of plain values (src/seeding/seed-schema.ts uses them for the rest). */
export const textSchema = { type: 'string', minLength: 1 } as const;
export const slugSchema = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
export const urlSchema = { type: 'string', pattern: '^https?://\\S+$' } as const;
/** A year, or a `YYYY`, `YYYY-MM`, `YYYY-MM-DD` string. */
export const partialDateSchema = {
  anyOf: [
    { type: 'integer', minimum: 1800, maximum: 2100 },
    { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2})?)?)?$' },
  ],
} as const;

// The builders' types, nullable or not: a nullable field's entity property is `T | null`.
const textColumn = () => p.text();
const nullableText = () => p.text().nullable();
const enumColumn = <E extends string>() => p.text().$type<E>();
const nullableEnum = <E extends string>() => p.text().$type<E>().nullable();
const dateColumn = () => date('');
const nullableDate = () => date('').nullable();
const precisionColumn = () => datePrecision('');
const nullablePrecision = () => datePrecision('').nullable();

type Pick2<N extends boolean, Required, Nullable> = N extends true ? Nullable : Required;
type Maybe<N extends boolean, T> = N extends true ? T | null : T;

function columnField<Builder, Value>(column: Builder, graphqlType: () => unknown, seed: object, description: string, options: FieldOptions): ColumnField<Builder, Value> {
  const unique = options.unique ? (column as { unique(): Builder }).unique() : column;
  return {
    kind: 'column', column: unique, graphqlType, seed, description,
    nullable: options.nullable ?? false, output: options.output ?? 'field', input: options.input ?? true,
  };
}

/** The kinds of plain field. */
export const recordField = {
  /** A stable, human-readable key: unique, required. */
  slug(description: string) {
    return columnField<ReturnType<typeof textColumn>, string>(p.text(), () => String, slugSchema, description, { unique: true });
  },
  text<N extends boolean = false>(description: string, options: FieldOptions<N> = {}) {
    const column = options.nullable ? nullableText() : textColumn();
    return columnField<Pick2<N, ReturnType<typeof textColumn>, ReturnType<typeof nullableText>>, Maybe<N, string>>(column as never, () => String, textSchema, description, options);
  },
  /** An http(s) URL: served as a `URL`, written as text (the seed rules check it, as in the seed files). */
  url<N extends boolean = false>(description: string, options: FieldOptions<N> = {}) {
    const column = options.nullable ? nullableText() : textColumn();
    const field = columnField<Pick2<N, ReturnType<typeof textColumn>, ReturnType<typeof nullableText>>, Maybe<N, string>>(column as never, () => URLResolver, urlSchema, description, options);
    return { ...field, inputType: () => String };
  },
  /** One of a GraphQL enum's values (registered with `registerEnumType`); the seed files accept the same values. */
  enumeration<E extends string, N extends boolean = false>(values: Record<string, E>, description: string, options: FieldOptions<N> & EnumerationOptions<E> = {}) {
    const column = enumerationColumn(values, options);
    const field = columnField<Pick2<N, ReturnType<typeof enumColumn<E>>, ReturnType<typeof nullableEnum<E>>>, Maybe<N, E>>(column as never, () => values, { enum: Object.values(values) }, description, options);
    return options.default === undefined ? field : { ...field, default: options.default };
  },
  partialDate<N extends boolean = false>(description: string, options: FieldOptions<N> = {}): PartialDateField<Pick2<N, ReturnType<typeof dateColumn>, ReturnType<typeof nullableDate>>, Pick2<N, ReturnType<typeof precisionColumn>, ReturnType<typeof nullablePrecision>>> {
    return {
      kind: 'partialDate',
      column: (options.nullable ? nullableDate() : dateColumn()) as never,
      precision: (options.nullable ? nullablePrecision() : precisionColumn()) as never,
      graphqlType: () => PartialDate, inputType: () => String, seed: partialDateSchema, description,
      nullable: options.nullable ?? false, output: options.output ?? 'field', input: options.input ?? true,
    };
  },
};

/** An enumeration's column: text, with its check constraint and its default when the options say so. */
function enumerationColumn<E extends string>(values: Record<string, E>, options: FieldOptions & EnumerationOptions<E>) {
  const base = options.checked ? p.enum(Object.values(values)).columnType('text') : p.text().$type<E>();
  const column = options.nullable ? base.nullable() : base;
  return options.default === undefined ? column : column.default(options.default);
}

/**
 * The note a record carries for readers (caveats, inferred dates, sources that disagree), in French
 * with its English beside it: served by the record's `note(lang)` resolver, written in the seed files.
 */
export const readerNote = () => ({
  note: recordField.text('What a reader should know, in French.', { nullable: true, output: 'resolver', input: false }),
  noteEn: recordField.text('What a reader should know, in English.', { nullable: true, output: 'resolver', input: false }),
});

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const precisionKey = (key: string) => `${key}Precision`;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type PropertiesOf<K extends string, F> =
  F extends PartialDateField<infer D, infer P> ? { [Q in K]: D } & { [Q in `${K}Precision`]: P }
    : F extends ColumnField<infer B, unknown> ? { [Q in K]: B } : never;
/** The entity properties of a record's plain fields. */
export type EntityProperties<F extends RecordFields> = UnionToIntersection<{ [K in keyof F & string]: PropertiesOf<K, F[K]> }[keyof F & string]>;

/** The fields' entity properties, to spread into `defineEntity({ properties })`. */
export function entityProperties<F extends RecordFields>(fields: F): EntityProperties<F> {
  const properties: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    properties[key] = (field.column as { fieldName(name: string): unknown }).fieldName(snakeCase(key));
    if (field.kind === 'partialDate') {
      properties[precisionKey(key)] = (field.precision as { fieldName(name: string): unknown }).fieldName(`${snakeCase(key)}_precision`);
    }
  }
  return properties as EntityProperties<F>;
}

/** The fields' JSON Schema properties in the seed files, and which of them a record must have. */
export function seedProperties(fields: RecordFields): { required: string[]; properties: Record<string, object> } {
  const entries = Object.entries(fields);
  return {
    required: entries.filter(([, f]) => !f.nullable && f.default === undefined).map(([key]) => key),
    properties: Object.fromEntries(entries.map(([key, f]) => [key, f.seed])),
  };
}

/** A seed record's values of the fields, as entity data (absent → null). */
export function fieldData(fields: RecordFields, seed: Record<string, unknown>): Record<string, any> {
  const data: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    if (field.kind === 'partialDate') {
      data[key] = day(seed[key]);
      data[precisionKey(key)] = precision(seed[key]);
    } else {
      data[key] = seed[key] ?? field.default ?? null;
    }
  }
  return data;
}

/** An entity's values of the fields, in seed form (nulls are left out by the caller's `compact`). */
export function fieldSeed(fields: RecordFields, entity: object): Record<string, unknown> {
  const values = entity as Record<string, unknown>;
  const seed: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    seed[key] = field.kind === 'partialDate' ? partial(values[key] as string | null, values[precisionKey(key)] as string | null)
      // The seed files leave a default value out.
      : field.default !== undefined && values[key] === field.default ? undefined : values[key];
  }
  return seed;
}

/**
 * A read row's values as the GraphQL object holds them (partial dates as `PartialDate`), in a fresh
 * object the caller may add to. Runs once per row of every list (thousands per national map): the
 * partial-date keys of each field table are found once, not by walking the table per row.
 */
export function fieldValues<Row extends Record<string, unknown>>(fields: RecordFields, row: Row): Row {
  const node: Record<string, unknown> = { ...row };
  for (const [key, precision] of partialDateKeys(fields)) node[key] = partialDate(row[key] as string | null, row[precision] as string | null);
  return node as Row;
}

const plainKeysOf = new WeakMap<RecordFields, readonly string[]>();
/** The fields a record serves straight from their own column: `output: 'field'`, not partial dates. */
export function plainFieldKeys(fields: RecordFields): readonly string[] {
  let keys = plainKeysOf.get(fields);
  if (!keys) {
    keys = Object.entries(fields).filter(([, field]) => field.output === 'field' && field.kind !== 'partialDate').map(([key]) => key);
    plainKeysOf.set(fields, keys);
  }
  return keys;
}

/**
 * Whether the fields asked of a record's GraphQL object (`info`: the resolver of a field that returns
 * it) can all be answered by a narrow read, one holding only its id and its plain fields
 * (plainFieldKeys): each is `id`, `__typename`, a plain field, or one of `relations` (fields whose
 * resolvers read nothing of the object but its id). Anything else (a field with its own resolver, a
 * structured or dated field) needs the whole row.
 */
export function answersFromPlainFields(fields: RecordFields, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, relations: readonly string[] = []): boolean {
  const plain = plainFieldKeys(fields);
  for (const name of selectedFieldNames(info)) {
    if (name !== 'id' && name !== '__typename' && !plain.includes(name) && !relations.includes(name)) return false;
  }
  return true;
}

const partialDateKeysOf = new WeakMap<RecordFields, readonly (readonly [string, string])[]>();
function partialDateKeys(fields: RecordFields): readonly (readonly [string, string])[] {
  let keys = partialDateKeysOf.get(fields);
  if (!keys) {
    keys = Object.entries(fields).filter(([, field]) => field.kind === 'partialDate').map(([key]) => [key, precisionKey(key)] as const);
    partialDateKeysOf.set(fields, keys);
  }
  return keys;
}

/** What the GraphQL object of a record holds of its fields (all of them: `resolver` ones are read by their resolvers). */
export type FieldValues<F extends RecordFields> = { -readonly [K in keyof F]: F[K] extends FieldBase<infer V> ? V : never };

/**
 * The GraphQL object type of a record's fields, for the record's type to extend:
 * `class Hub extends recordObject('Hub', HUB_FIELDS) { …its references and computed fields… }`.
 * type-graphql finds inherited fields through the parent's registration; the parent itself
 * (`HubFields`) is never referenced, so it is not in the schema.
 */
export function recordObject<F extends RecordFields>(typename: string, fields: F): abstract new () => Node & FieldValues<F> {
  @ObjectType(`${typename}Fields`)
  abstract class RecordObject extends Node {}
  for (const [key, field] of Object.entries(fields)) {
    if (field.output === 'field') Field(field.graphqlType as never, { nullable: field.nullable, description: field.description })(RecordObject.prototype, key);
  }
  return RecordObject as never;
}

/** What a create or update input holds of the fields. */
export type FieldInput<F extends RecordFields> = { -readonly [K in keyof F]?: F[K] extends FieldBase<infer V> ? (V extends PartialDate | null ? string | null : V) : never };

/**
 * The abstract GraphQL input of a record's fields, for its create input (`create`: the required
 * fields are required) or its update input (`update`: every field may be left out; null clears an
 * optional one, and the seed rules refuse null for a required one). Partial dates are written as
 * text (`2019`, `2019-04`, `2019-04-03`).
 */
export function recordInput<F extends RecordFields>(typename: string, fields: F, mode: 'create' | 'update'): abstract new () => FieldInput<F> {
  @InputType(`${typename}${mode === 'create' ? 'Create' : 'Update'}Fields`)
  abstract class RecordInput {}
  for (const [key, field] of Object.entries(fields)) {
    if (!field.input) continue;
    const isDate = field.kind === 'partialDate';
    Field((field.inputType ?? field.graphqlType) as never, {
      nullable: mode === 'update' || field.nullable || field.default !== undefined,
      description: isDate ? `${field.description} Written YYYY, YYYY-MM or YYYY-MM-DD.`
        : mode === 'create' && field.default !== undefined ? `${field.description} ${field.default} when left out.` : field.description,
    })(RecordInput.prototype, key);
  }
  return RecordInput as never;
}
