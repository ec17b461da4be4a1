// The drawing of <maillage-map>, in its own chunk with the outlines: loaded only when a map is on
// the page. Outlines are already projected to SVG coordinates (src/widgets/geo/make-outlines.mjs);
// points are projected here with the same frames: metropolitan France, or the inset of their
// overseas region.
import { html, nothing, svg } from 'lit';
import outlines from '../geo/outlines.json';
import { countryName, formatDate, kindLabel } from './i18n.js';
import type { MaillageMap } from './map.js';

export interface MapPoint {
  id: string;
  slug: string;
  name: string;
  kind: string;
  countryCode: string;
  regionCode: string | null;
  parentId: string | null;
  labelPath: string[];
  coordinates: { latitude: number; longitude: number } | null;
}

export interface NationalMap {
  asOf: string;
  points: MapPoint[];
  links: { from: { id: string }; to: { id: string } }[];
}

/** A nationalMap result from any query (the playground's): ids from slugs, links by id or slug. */
export function normalise(input: { asOf?: string; points?: Partial<MapPoint>[]; links?: { from: { id?: string; slug?: string }; to: { id?: string; slug?: string } }[] }): NationalMap {
  const points = (input.points ?? []).filter((p) => p.slug).map((p) => ({
    id: p.id ?? p.slug!, slug: p.slug!, name: p.name ?? p.slug!, kind: p.kind ?? 'COMMUNITY', countryCode: p.countryCode ?? 'FR',
    regionCode: p.regionCode ?? null, parentId: p.parentId ?? null, labelPath: p.labelPath ?? [], coordinates: p.coordinates ?? null,
  }));
  const idOf = new Map(points.flatMap((p) => [[p.id, p.id], [p.slug, p.id]]));
  const links = (input.links ?? []).flatMap((l) => {
    const from = idOf.get(l.from.id ?? l.from.slug ?? ''), to = idOf.get(l.to.id ?? l.to.slug ?? '');
    return from && to ? [{ from: { id: from }, to: { id: to } }] : [];
  });
  return { asOf: input.asOf ?? new Date().toISOString().slice(0, 10), points, links };
}

interface Inset { code: string; lonLat: number[]; box: number[]; x0: number; y0: number; k: number; w: number; n: number; cos: number }
const { metro, viewBox: fullBox } = outlines;
const insets = outlines.insets as Inset[];

interface Placed { point: MapPoint; x: number; y: number; frame: string; approximate: boolean }

/**
 * Where a point goes: its overseas region's inset, else metropolitan France if it lies in its frame.
 * An ecosystem whose seat has no known centre but whose region is known goes to its region's centre,
 * drawn as approximate.
 */
function place(point: MapPoint): Placed | null {
  const c = point.coordinates;
  if (point.countryCode !== 'FR') return null;
  if (!c) {
    const region = point.regionCode ? outlines.regions.find((r) => r.code === point.regionCode) : undefined;
    if (!region) return null;
    return { point, frame: insets.some((i) => i.code === region.code) ? region.code : 'metro', x: region.centre[0]!, y: region.centre[1]!, approximate: true };
  }
  const { latitude: lat, longitude: lon } = c;
  const inset = insets.find((i) => i.code === point.regionCode)
    ?? insets.find((i) => lon >= i.lonLat[0] - 0.2 && lon <= i.lonLat[2] + 0.2 && lat >= i.lonLat[1] - 0.2 && lat <= i.lonLat[3] + 0.2);
  if (inset) return { point, frame: inset.code, x: inset.x0 + (lon - inset.w) * inset.cos * inset.k, y: inset.y0 + (inset.n - lat) * inset.k, approximate: false };
  const [w, s, e, n] = metro.lonLat;
  if (lon < w || lon > e || lat < s || lat > n) return null;
  return { point, frame: 'metro', x: (lon - metro.lon0) * metro.cos * metro.k, y: (metro.lat0 - lat) * metro.k, approximate: false };
}

const RADIUS: Record<string, number> = { NATIONAL: 7, CAPITAL: 6, COMMUNITY: 4.5, HUB: 3 };
const round = (n: number) => Math.round(n * 10) / 10;

export function renderMap(host: MaillageMap, map: NationalMap) {
  const { t, language: lang } = host;
  const region = host.region ? outlines.regions.find((r) => r.code === host.region) : undefined;
  // The frame: the region's outline padded by 6 %, or the whole of France with its insets.
  let box = fullBox;
  if (region) {
    const [x1, y1, x2, y2] = region.bbox;
    const pad = Math.max(x2 - x1, y2 - y1) * 0.06;
    box = [x1 - pad, y1 - pad, x2 - x1 + 2 * pad, y2 - y1 + 2 * pad];
  }
  // Radii and labels in SVG units, so that they keep about the same size on screen when zoomed.
  const scale = (box[2] / fullBox[2]) * (region ? 1.5 : 1);
  const placed: Placed[] = [];
  const abroad = new Map<string, MapPoint[]>();
  const elsewhere: MapPoint[] = [];
  for (const point of map.points) {
    const at = place(point);
    if (at) placed.push(at);
    else if (point.countryCode !== 'FR') abroad.set(point.countryCode, [...(abroad.get(point.countryCode) ?? []), point]);
    else elsewhere.push(point);
  }
  // Several region-wide points of one region: side by side around its centre rather than on top of each other.
  const approximate = new Map<string | null, Placed[]>();
  for (const p of placed) if (p.approximate) approximate.set(p.point.regionCode, [...(approximate.get(p.point.regionCode) ?? []), p]);
  for (const group of approximate.values()) group.forEach((p, i) => { p.x += (i - (group.length - 1) / 2) * 12 * scale; });
  const byId = new Map(placed.map((p) => [p.point.id, p]));
  const allById = new Map(map.points.map((p) => [p.id, p]));
  const selected = host.selected ? allById.get(host.selected) : undefined;
  // Tab or the arrow keys move between points; Enter or Space opens one; Escape closes the panel.
  const onKey = (event: KeyboardEvent, point: MapPoint) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); host.select(point); }
    if (event.key === 'Escape') host.select(undefined);
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step) {
      event.preventDefault();
      const points = [...(host.shadowRoot?.querySelectorAll<SVGGElement>('[part~="point"]') ?? [])];
      const index = points.indexOf(event.currentTarget as SVGGElement);
      points[(index + step + points.length) % points.length]?.focus();
    }
  };
  const date = formatDate(lang, map.asOf);
  const title = region ? t.mapRegionTitle(region.name, date) : t.mapTitle(date);
  const ecosystems = map.points.filter((p) => p.kind !== 'HUB').length;
  if (map.points.length === 0) {
    return html`<section part="map" class="frame"><h2 part="title">${title}</h2>
      <p part="empty" class="status" role="status">${region ? t.emptyRegion : t.emptyMap}</p></section>`;
  }
  const sideGroups = [...abroad.entries()]
    .map(([code, points]) => ({ code, name: countryName(lang, code), points }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const hasSide = sideGroups.length > 0 || elsewhere.length > 0;
  const kindsShown = [...new Set(placed.map((p) => (p.point.kind in RADIUS ? p.point.kind : 'NATIONAL')))];
  const pointButton = (p: MapPoint) => html`<button type="button" data-slug=${p.slug} aria-expanded=${host.selected === p.id ? 'true' : 'false'}
    @click=${() => host.select(p)}>${p.name}</button>`;
  return html`<section part="map" class="frame" aria-labelledby="title">
    <h2 part="title" id="title">${title}</h2>
    <p part="count" class="muted">${t.pointCount(ecosystems)}</p>
    <div class=${hasSide ? 'layout side' : 'layout'}>
      <div>
        <svg part="svg" viewBox=${box.map(round).join(' ')} role="group" aria-label=${title}>
          <g aria-hidden="true">
            ${outlines.regions.map((r) => svg`<path class=${region && r.code !== region.code ? 'region outside' : 'region'} d=${r.d}></path>`)}
            ${outlines.departments.filter((d) => !region || d.region === region.code).map((d) => svg`<path class="department" d=${d.d}></path>`)}
            ${region ? nothing : insets.map((i) => svg`<rect class="inset" x=${i.box[0]} y=${i.box[1]} width=${i.box[2]} height=${i.box[3]}></rect>`)}
            ${host.showLinks ? map.links.map((l) => {
              const a = byId.get(l.from.id), b = byId.get(l.to.id);
              return a && b && a.frame === b.frame ? svg`<line class="link" x1=${round(a.x)} y1=${round(a.y)} x2=${round(b.x)} y2=${round(b.y)} vector-effect="non-scaling-stroke"></line>` : nothing;
            }) : nothing}
          </g>
          ${placed.map(({ point: p, x, y, approximate }) => svg`<g part="point" class=${`point ${p.kind}${approximate ? ' approximate' : ''}${host.selected === p.id ? ' selected' : ''}`}
              transform=${`translate(${round(x)} ${round(y)})`} tabindex="0" role="button" data-slug=${p.slug} data-kind=${p.kind}
              aria-label=${`${p.name}, ${kindLabel(lang, p.kind)}${approximate ? ` (${t.approximate})` : ''}`} aria-expanded=${host.selected === p.id ? 'true' : 'false'}
              @click=${() => host.select(p)} @keydown=${(e: KeyboardEvent) => onKey(e, p)}>
              <circle r=${round((RADIUS[p.kind] ?? 5) * scale)}></circle>
              ${region && p.kind !== 'HUB' ? svg`<text class="name" x=${round(8 * scale)} y=${round(4 * scale)} font-size=${round(9 * scale)} stroke-width=${round(2.5 * scale)}>${p.name}</text>` : nothing}
            </g>`)}
        </svg>
        <ul class="legend" aria-label=${t.legend}>
          ${kindsShown.map((k) => html`<li><svg viewBox="0 0 10 10" aria-hidden="true"><circle class=${k} cx="5" cy="5" r="5"></circle></svg> ${kindLabel(lang, k)}</li>`)}
        </ul>
        <p class="attribution muted">${t.outlines}</p>
      </div>
      ${hasSide ? html`<div class="side-list" part="abroad">
        ${sideGroups.length ? html`<h3>${t.abroad}</h3>
          <ul>${sideGroups.map((g) => html`<li><span>${g.name}</span><ul>${g.points.map((p) => html`<li>${pointButton(p)}</li>`)}</ul></li>`)}</ul>` : nothing}
        ${elsewhere.length ? html`<h3>${t.elsewhere}</h3><ul>${elsewhere.map((p) => html`<li>${pointButton(p)}</li>`)}</ul>` : nothing}
      </div>` : nothing}
    </div>
    ${selected ? renderPanel(host, selected, allById) : nothing}
  </section>`;
}

function renderPanel(host: MaillageMap, point: MapPoint, byId: Map<string, MapPoint>) {
  const { t, language: lang } = host;
  const detail = host.details.get(point.slug);
  const parent = point.parentId ? byId.get(point.parentId) : undefined;
  const capital = parent?.kind === 'CAPITAL' ? parent.name : point.labelPath.length > 2 ? point.labelPath[point.labelPath.length - 2] : undefined;
  const card = detail && typeof detail === 'object' ? detail : undefined;
  const label = card?.label;
  const href = point.kind === 'HUB' ? undefined : host.hrefFor(point.slug);
  return html`<section part="panel" class="panel" aria-live="polite" aria-labelledby="panel-title"
      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') host.select(undefined); }}>
    <header><h3 id="panel-title">${point.name}</h3>
      <button part="button" class="close" type="button" @click=${() => host.select(undefined)}>${t.close}</button></header>
    <p class="kind">${kindLabel(lang, label?.kind ?? point.kind)}</p>
    ${label ? html`<p part="period">${label.validTo
      ? t.labelPeriod(formatDate(lang, label.validFrom), formatDate(lang, label.validTo))
      : t.labelSince(formatDate(lang, label.validFrom))}</p>` : nothing}
    ${capital && point.kind !== 'CAPITAL' ? html`<p><span class="muted">${t.hangsFrom}</span> ${capital}</p>` : nothing}
    ${card?.carriers.length ? html`<p><span class="muted">${t.carriers}</span> ${card.carriers.map((c) => c.name).join(', ')}</p>` : nothing}
    ${detail === 'loading' ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}
    ${href ? html`<p><a part="link" href=${href} target="_blank" rel="noopener">${t.seeCard}</a></p>` : nothing}
  </section>`;
}
