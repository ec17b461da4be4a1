import { css, html, nothing } from 'lit';
import { run } from './api.js';
import { MaillageElement, baseStyles } from './base.js';
import type { EcosystemCard } from './ecosystem.js';
import type { MapPoint, NationalMap } from './map-view.js';

type MapView = typeof import('./map-view.js');
interface Loaded { view: MapView; map: NationalMap }

/**
 * <maillage-map region="32" as-of="2019-06-01" kinds="CAPITAL,COMMUNITY" hubs links="false"
 * href-template="https://example.org/eco/{slug}">: the network on a date as an SVG map. This element is
 * in the main script; its drawing code and the outlines are a separate chunk loaded only when a map is
 * on the page.
 */
export class MaillageMap extends MaillageElement<Loaded> {
  static override properties = {
    ...MaillageElement.properties,
    region: { type: String }, asOf: { type: String, attribute: 'as-of' }, kinds: { type: String },
    hubs: { type: Boolean }, links: { type: String }, hrefTemplate: { type: String, attribute: 'href-template' },
    selected: { state: true },
    map: { attribute: false },
  };
  static override styles = [baseStyles, css`
    .layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1em; }
    @container (min-width: 640px) { .layout.side { grid-template-columns: minmax(0, 3fr) minmax(11em, 1fr); } }
    svg { width: 100%; height: auto; display: block; }
    path, line, rect, circle { vector-effect: non-scaling-stroke; }
    .region { fill: var(--maillage-map-land, #eef2f7); stroke: var(--maillage-map-region, #7b8da3); stroke-width: 1; }
    .region.outside { fill: var(--maillage-map-outside, #f7f9fb); stroke: #b8c3d1; }
    .department { fill: none; stroke: var(--maillage-map-department, #c3cdd9); stroke-width: 0.5; }
    .inset { fill: none; stroke: #b8c3d1; stroke-dasharray: 3 2; }
    .link { stroke: var(--maillage-map-link, #64748b); stroke-width: 1; stroke-opacity: 0.7; }
    .point { cursor: pointer; outline: none; }
    .point circle { stroke: #ffffff; stroke-width: 1.2; }
    .point.CAPITAL circle, .legend .CAPITAL { fill: var(--maillage-map-capital, #1e40af); }
    .point.COMMUNITY circle, .legend .COMMUNITY { fill: var(--maillage-map-community, #047857); }
    .point.HUB circle, .legend .HUB { fill: var(--maillage-map-hub, #b45309); }
    .point.NATIONAL circle, .point.METROPOLE circle, .point.HUB_ABROAD circle, .point.THEMATIC_NETWORK circle, .legend .NATIONAL { fill: var(--maillage-map-other, #6d28d9); }
    .point.approximate circle { stroke: #1f2933; stroke-dasharray: 2 1.5; }
    .point:focus-visible circle, .point.selected circle { stroke: var(--maillage-focus, #f59e0b); stroke-width: 3; stroke-dasharray: none; }
    .name { fill: #1f2933; paint-order: stroke; stroke: #ffffff; pointer-events: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.3em 1em; font-size: 0.85em; margin: 0.4em 0 0; padding: 0; list-style: none; }
    .legend svg { width: 0.8em; height: 0.8em; display: inline-block; vertical-align: middle; }
    .side-list h3 { margin-top: 0; }
    .side-list ul { list-style: none; padding-left: 0; }
    .side-list ul ul { padding-left: 0.8em; }
    .side-list button, .panel button.close { background: none; color: var(--maillage-link, #1d4ed8); padding: 0; text-decoration: underline; text-align: left; }
    .panel { border-top: 2px solid var(--maillage-accent, #1e40af); margin-top: 0.75em; padding-top: 0.5em; }
    .panel header { display: flex; justify-content: space-between; gap: 1em; align-items: baseline; }
    .attribution { font-size: 0.75em; margin: 0.4em 0 0; }
  `];

  declare region: string | undefined;
  declare asOf: string | undefined;
  declare kinds: string | undefined;
  declare hubs: boolean;
  declare links: string | undefined;
  declare hrefTemplate: string | undefined;
  declare selected: string | undefined;
  /**
   * A `nationalMap` result to draw instead of fetching one (the admin playground sets it from the
   * response it shows): points with slug, name, kind, countryCode, regionCode, coordinates; links by
   * id or slug.
   */
  declare map: NationalMap | undefined;
  /** Panel details by slug, fetched when a point is opened. */
  details = new Map<string, EcosystemCard | null | 'loading' | 'error'>();
  protected readonly inputs = ['region', 'asOf', 'kinds', 'hubs', 'map'];

  constructor() {
    super();
    this.hubs = false;
  }

  protected async load(origin: string): Promise<Loaded> {
    if (this.map) {
      const view = await import('./map-view.js');
      this.selected = undefined;
      return { view, map: view.normalise(this.map) };
    }
    const kinds = this.kinds?.split(/[\s,]+/).filter(Boolean).map((k) => k.toUpperCase());
    const filter = { regionCode: this.region || undefined, kinds: kinds?.length ? kinds : undefined, hubs: this.hubs };
    const [view, data] = await Promise.all([
      import('./map-view.js'),
      run<{ nationalMap: NationalMap }>(origin, 'widget-map', { asOf: this.asOf, filter }),
    ]);
    this.selected = undefined;
    return { view, map: data.nationalMap };
  }

  /** Opens the panel of a point (and fetches the card of an ecosystem for its label and carriers). */
  select(point: MapPoint | undefined) {
    this.selected = point?.id;
    if (!point || point.kind === 'HUB' || this.details.has(point.slug)) return;
    this.details.set(point.slug, 'loading');
    run<{ ecosystem: EcosystemCard | null }>(this.origin, 'widget-ecosystem', { slug: point.slug, asOf: this.data?.map.asOf })
      .then((d) => this.details.set(point.slug, d.ecosystem), () => this.details.set(point.slug, 'error'))
      .finally(() => this.requestUpdate());
  }

  /** Where a point's panel links to: the partner's template, else maillage's embeddable card. */
  hrefFor(slug: string): string | undefined {
    const template = this.hrefTemplate?.replaceAll('{slug}', encodeURIComponent(slug));
    if (template) {
      try {
        const url = new URL(template, document.baseURI);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
      } catch {
        return undefined;
      }
    }
    return `${this.origin}/embed/ecosystem/${encodeURIComponent(slug)}?lang=${this.language}${this.data?.map.asOf ? `&as-of=${this.data.map.asOf}` : ''}`;
  }

  protected renderData({ view, map }: Loaded) {
    if (!view) return nothing;
    return html`${view.renderMap(this, map)}`;
  }

  get showLinks(): boolean {
    return !['false', 'off', 'no', '0'].includes((this.links ?? 'true').toLowerCase());
  }
}
