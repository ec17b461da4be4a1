import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { Language } from './language.js';
import type { NodeTypes } from './node.js';

/**
 * What every resolver gets: the request's own forked EntityManager and its DataLoaders. Nothing here
 * outlives the request, so batching and caching never leak between clients.
 */
export class RequestContext {
  private readonly loaders = new Map<unknown, DataLoader<unknown, unknown>>();

  constructor(
    readonly em: EntityManager,
    readonly requestId: string,
    /** The date the hierarchy is read at when a field has no `asOf` argument. */
    readonly today: string,
    /** Who is asking: the holder of a valid API token, or null for the public. */
    readonly viewer: Viewer | null = null,
    /** The language text fields are served in when they have no `lang` argument (from Accept-Language). */
    readonly lang: Language = Language.FR,
    /** The types `node(id:)` and the polymorphic references load (src/domains.ts). */
    readonly nodes?: NodeTypes,
  ) {}

  /** The request's instance of a loader (created on first use). */
  loader<K, V, C = K>(definition: LoaderDefinition<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(definition);
    if (!loader) {
      loader = new DataLoader<K, V, C>((keys) => definition.batch(this, keys), definition.options) as DataLoader<unknown, unknown>;
      this.loaders.set(definition, loader);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }
}

export interface LoaderDefinition<K, V, C = K> {
  batch: (ctx: RequestContext, keys: readonly K[]) => Promise<(V | Error)[]>;
  options?: DataLoader.Options<K, V, C>;
}

/**
 * Declares a per-request loader next to the domain it serves. Batches are not split: a whole level of
 * the national map (thousands of keys at scale 5) goes out as one statement with an array parameter,
 * which is what keeps the statement count independent of the number of nodes.
 */
export function defineLoader<K, V, C = K>(
  batch: (ctx: RequestContext, keys: readonly K[]) => Promise<(V | Error)[]>,
  options?: DataLoader.Options<K, V, C>,
): LoaderDefinition<K, V, C> {
  return { batch, options };
}

/** Batch by one key column: returns the row (or null) for each id, in the order asked. */
export function byKey<Row, K>(keys: readonly K[], rows: Row[], keyOf: (row: Row) => K): (Row | null)[] {
  const index = new Map<K, Row>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** Batch of one-to-many: returns the list of rows for each key, in the order asked. */
export function groupByKey<Row, K>(keys: readonly K[], rows: Row[], keyOf: (row: Row) => K): Row[][] {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
