/**
 * A GraphiQL plugin, "Map": the last `nationalMap` result the playground received, drawn on
 * <maillage-map> (the partner widget), so that an admin sees the points and links of the query they
 * just ran rather than raw JSON only.
 */
import { createElement, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { GraphiQLPlugin } from '@graphiql/react';
import { findNationalMap, loadWidgets, type MapElement } from './widgets';

let latest: unknown = null;
const listeners = new Set<() => void>();

/** Called by the playground's fetcher with every result. */
export function recordResult(result: unknown): void {
  const map = findNationalMap((result as { data?: unknown } | null)?.data);
  if (!map) return;
  latest = map;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function MapContent() {
  const map = useSyncExternalStore(subscribe, () => latest);
  const ref = useRef<MapElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  useEffect(() => {
    loadWidgets().then(() => setState('ready'), (err) => setState(`The widgets could not be loaded: ${String(err)}`));
  }, []);
  useEffect(() => {
    if (!ref.current || !map) return;
    // a map of one region (a regionCode filter) is drawn zoomed to it
    const regions = new Set(((map as { points?: { regionCode?: string | null }[] }).points ?? []).map((p) => p.regionCode ?? null));
    const [only] = regions;
    if (regions.size === 1 && only) ref.current.setAttribute('region', only);
    else ref.current.removeAttribute('region');
    ref.current.map = map;
  }, [map, state]);
  return (
    <div className="maillage-map-plugin">
      <div className="graphiql-doc-explorer-title">Map</div>
      {state !== 'ready' && state !== 'loading' ? <p role="alert">{state}</p> : null}
      {map
        ? createElement('maillage-map', { ref, lang: 'en', 'data-testid': 'playground-map' })
        : <p>Run a query selecting <code>nationalMap</code> with <code>points {'{'} slug name kind countryCode regionCode coordinates {'{'} latitude longitude {'}'} {'}'}</code> (and <code>links</code>): its result is drawn here.</p>}
    </div>
  );
}

function MapIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M9 4 3 6v14l6-2 6 2 6-2V4l-6 2-6-2Z M9 4v14 M15 6v14" />
    </svg>
  );
}

export const mapPlugin: GraphiQLPlugin = { title: 'Map', icon: MapIcon, content: MapContent };
