import type { EntitySchema } from '@mikro-orm/core';
import type { ClassType } from 'type-graphql';
import type { LoaderDefinition } from './context.js';

/**
 * What one domain folder contributes to the API, declared in one public module per folder
 * (`src/<domain>/<domain>.domain.ts`) and listed in src/domains.ts. The schema, `node(id:)`, the
 * federation references and the `version` fields are built from these declarations only: nothing
 * registers itself by being imported.
 */
export interface Domain {
  /** The folder's name, for messages that point at a declaration. */
  readonly name: string;
  /** Resolver classes: its queries, its mutations, and the fields it adds to other domains' types. */
  readonly resolvers: readonly ClassType[];
  /** Types the schema must hold although no field returns them. */
  readonly orphanedTypes?: readonly ClassType[];
  /**
   * GraphQL type name → the loader of that type by uuid: what `node(id:)`, the polymorphic references
   * (`subject`, `organisation`…) and a federation `@key(fields: "id")` resolve through.
   */
  readonly nodes?: Readonly<Record<string, LoaderDefinition<string, unknown>>>;
  /** GraphQL type name → the loader by slug, for the types whose federation key is `@key(fields: "slug")`. */
  readonly slugs?: Readonly<Record<string, LoaderDefinition<string, unknown>>>;
  /** Editable types: each gets `version: Int!`, read from the `version` column of its table. */
  readonly versioned?: readonly { readonly type: ClassType; readonly table: string }[];
  /** The domain's MikroORM entities (its tables), registered with the ORM from this list. */
  readonly entities?: readonly EntitySchema<any, any>[];
}

/** Every entity of the domains, refusing one declared twice. */
export function entitiesOf(domains: readonly Domain[]): EntitySchema<any, any>[] {
  const all = domains.flatMap((d) => d.entities ?? []);
  const names = all.map((e) => e.meta.className);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`the entity ${twice} is declared by two domains`);
  return all;
}

/** Every resolver class of the domains, in the order listed. */
export function resolversOf(domains: readonly Domain[]): ClassType[] {
  return domains.flatMap((d) => d.resolvers);
}

/** A typename → loader table from every domain's part, refusing a type declared twice. */
export function loadersOf(domains: readonly Domain[], part: 'nodes' | 'slugs'): Map<string, LoaderDefinition<string, unknown>> {
  const loaders = new Map<string, LoaderDefinition<string, unknown>>();
  const owner = new Map<string, string>();
  for (const domain of domains) {
    for (const [typename, loader] of Object.entries(domain[part] ?? {})) {
      if (owner.has(typename)) throw new Error(`${typename} has ${part} loaders in both the ${owner.get(typename)} and the ${domain.name} domains`);
      owner.set(typename, domain.name);
      loaders.set(typename, loader);
    }
  }
  return loaders;
}
