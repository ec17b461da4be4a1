import { Field, InputType } from 'type-graphql';
import { isInputObjectType, type GraphQLSchema } from 'graphql';

/**
 * References as typed inputs: `{ association: "cap-numeric" }` rather than `"association:cap-numeric"`.
 * Where a reference may name records of several kinds, the input is a `@oneOf` input object (exactly
 * one field given, enforced by graphql-js). The mutation turns it into the seed form (`kind:key`)
 * before the seed rules run, so the rules and their messages stay those of the seed files.
 */
export abstract class TypedReference {
  /** The one field given: its name is the reference kind (`association`, `region`…). */
  kindAndKey(): { kind: string; key: string } {
    const [entry] = Object.entries(this).filter(([, v]) => v !== undefined && v !== null);
    if (!entry) throw new Error('internal: a @oneOf reference without a value passed GraphQL validation');
    return { kind: entry[0], key: String(entry[1]) };
  }

  /** The seed form: `association:cap-numeric`, `region:32`. */
  toSeedRef(): string {
    const { kind, key } = this.kindAndKey();
    return `${kind}:${key}`;
  }
}

const oneOfInputs = new Set<string>();

/**
 * type-graphql 2.0.0-rc.4 has no option for `@oneOf`: the type names are recorded here and
 * `markOneOfInputs` sets graphql-js's `isOneOf` on the built types, which is what validation,
 * coercion, introspection (`isOneOf`) and `printSchema` (`@oneOf`) read.
 */
function OneOfInputType(name: string, description: string): ClassDecorator {
  oneOfInputs.add(name);
  return InputType(name, { description: `${description} Exactly one field must be given (\`@oneOf\`).` });
}

export function markOneOfInputs(schema: GraphQLSchema): void {
  for (const name of oneOfInputs) {
    const type = schema.getType(name);
    if (isInputObjectType(type)) (type as { isOneOf: boolean }).isOneOf = true;
  }
}

const ASSOCIATION = 'Slug of an association (see `association(slug:)`).';
const INSTITUTION = 'Slug of an institution (see `institution(slug:)`).';
const ECOSYSTEM = 'Slug of an ecosystem (see `ecosystem(slug:)`).';
const REGION = 'INSEE code of a region, e.g. "32".';
const DEPARTMENT = 'INSEE code of a department, e.g. "59" or "2A".';
const COMMUNE = 'INSEE code of a commune, e.g. "59350".';
const AREA = 'Slug of an area (a group of departments).';
const COUNTRY = 'ISO 3166-1 alpha-2 code of a country, e.g. "CA".';

@OneOfInputType('OperatorReference', 'Who runs a place or a programme: an association or an institution.')
export class OperatorReference extends TypedReference {
  @Field(() => String, { nullable: true, description: ASSOCIATION }) association?: string;
  @Field(() => String, { nullable: true, description: INSTITUTION }) institution?: string;
}

@OneOfInputType('OrganisationReference', 'An organisation of the network: an association, an institution or an ecosystem.')
export class OrganisationReference extends TypedReference {
  @Field(() => String, { nullable: true, description: ASSOCIATION }) association?: string;
  @Field(() => String, { nullable: true, description: INSTITUTION }) institution?: string;
  @Field(() => String, { nullable: true, description: ECOSYSTEM }) ecosystem?: string;
}

@OneOfInputType('TerritoryReference', 'A territory: a region, a department or a commune by INSEE code, an area by slug, a country by ISO code.')
export class TerritoryReference extends TypedReference {
  @Field(() => String, { nullable: true, description: REGION }) region?: string;
  @Field(() => String, { nullable: true, description: DEPARTMENT }) department?: string;
  @Field(() => String, { nullable: true, description: COMMUNE }) commune?: string;
  @Field(() => String, { nullable: true, description: AREA }) area?: string;
  @Field(() => String, { nullable: true, description: COUNTRY }) country?: string;
}

@OneOfInputType('FigureSubjectReference', 'What a figure is about: any record of the network but a person, or a territory.')
export class FigureSubjectReference extends TypedReference {
  @Field(() => String, { nullable: true, description: ECOSYSTEM }) ecosystem?: string;
  @Field(() => String, { nullable: true, description: ASSOCIATION }) association?: string;
  @Field(() => String, { nullable: true, description: INSTITUTION }) institution?: string;
  @Field(() => String, { nullable: true, description: 'Slug of a programme.' }) programme?: string;
  @Field(() => String, { nullable: true, description: 'Slug of an event.' }) event?: string;
  @Field(() => String, { nullable: true, description: 'Slug of a hub.' }) hub?: string;
  @Field(() => String, { nullable: true, description: REGION }) region?: string;
  @Field(() => String, { nullable: true, description: DEPARTMENT }) department?: string;
  @Field(() => String, { nullable: true, description: COMMUNE }) commune?: string;
  @Field(() => String, { nullable: true, description: AREA }) area?: string;
  @Field(() => String, { nullable: true, description: COUNTRY }) country?: string;
}

/** An input value in seed form: typed references become `kind:key`, lists and nested inputs are walked. */
export function toSeedForm(value: unknown): unknown {
  if (value instanceof TypedReference) return value.toSeedRef();
  if (Array.isArray(value)) return value.map(toSeedForm);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toSeedForm(v)]));
  return value;
}

/**
 * A seed rule's field path in the input, down to the reference's own field: a problem with
 * `operator` given as `{ association: "x" }` is reported at ["operator", "association"].
 */
export function intoReference(input: unknown, path: string[]): string[] {
  let value: unknown = input;
  for (const step of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  return value instanceof TypedReference ? [...path, value.kindAndKey().kind] : path;
}
