/**
 * The partner widgets inside the playground: /widgets/v1/maillage.js (same origin, so the playground's
 * CSP allows it) is loaded at run time rather than bundled twice; it defines <maillage-map>.
 */
const WIDGETS_SCRIPT = '/widgets/v1/maillage.js';
let loading: Promise<unknown> | null = null;

export function loadWidgets(): Promise<unknown> {
  loading ??= import(/* not bundled: served by maillage */ WIDGETS_SCRIPT).catch((err) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** The element's `map` property: a nationalMap result to draw instead of fetching one. */
export type MapElement = HTMLElement & { map?: unknown };

/** Finds a nationalMap-shaped value (asOf and points) in a GraphQL result's data. */
export function findNationalMap(data: unknown): unknown {
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.points) && 'asOf' in record) return record;
  for (const value of Object.values(record)) {
    const found = findNationalMap(value);
    if (found) return found;
  }
  return null;
}
