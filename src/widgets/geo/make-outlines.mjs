// node src/widgets/geo/make-outlines.mjs <regions-with-overseas.geojson> — writes outlines.json, the
// map widget's outlines: metropolitan regions and departments and the five overseas regions as
// insets, already projected to the widget's SVG coordinates and simplified (Douglas–Peucker on the
// projected points, 0.1 px precision), so the browser draws them as they are.
//
// Inputs: seeds/geo/departements.geojson (in the repository) and the france-geojson file of the 18
// regions with overseas (gregoiredavid/france-geojson, `regions-avec-outre-mer.geojson`; IGN Admin
// Express / INSEE, Licence Ouverte). The output is committed: the build does not need the inputs.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const require = createRequire(import.meta.url);
const deptInfo = require('@etalab/decoupage-administratif/data/departements.json');

/** The SVG frame: metropolitan France on top, one inset per overseas region in a row below. */
export const METRO = { lon0: -5.3, lat0: 51.2, k: 58, cos: Math.cos((46.5 * Math.PI) / 180) };
const INSET_Y = 600, INSET_SIZE = 100, INSET_GAP = 12;
const OVERSEAS = ['01', '02', '03', '04', '06'];
const TOLERANCE = 0.35;

function projectMetro([lon, lat]) {
  return [(lon - METRO.lon0) * METRO.cos * METRO.k, (METRO.lat0 - lat) * METRO.k];
}

function simplify(points, tolerance) {
  if (points.length < 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a], [bx, by] = points[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy) || 1;
    let max = 0, index = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d = len === 1 && dx === 0 && dy === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > max) { max = d; index = i; }
    }
    if (max > tolerance) { keep[index] = 1; stack.push([a, index], [index, b]); }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (n) => Math.round(n * 10) / 10;

/** One SVG path for a (Multi)Polygon: absolute start, relative steps, 0.1 px. Rings under 1.5 px vanish. */
function pathOf(geometry, project, bbox) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = simplify(ring.map(project), TOLERANCE).map(([x, y]) => [round(x), round(y)]);
      const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
      if (Math.max(...xs) - Math.min(...xs) < 1.5 && Math.max(...ys) - Math.min(...ys) < 1.5) continue;
      let [px, py] = points[0];
      d += `M${px} ${py}`;
      for (const [x, y] of points.slice(1, -1)) {
        d += `l${round(x - px)} ${round(y - py)}`;
        [px, py] = [x, y];
      }
      d += 'z';
      for (const [x, y] of points) {
        bbox[0] = Math.min(bbox[0], x); bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x); bbox[3] = Math.max(bbox[3], y);
      }
    }
  }
  return d.replace(/ -/g, '-');
}

/** Area-weighted centroid of the largest ring, projected: where a region-wide point is drawn. */
function centreOf(geometry, project) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = null;
  for (const polygon of polygons) {
    const ring = polygon[0].map(project);
    let area = 0, cx = 0, cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i], [x2, y2] = ring[i + 1];
      const cross = x1 * y2 - x2 * y1;
      area += cross; cx += (x1 + x2) * cross; cy += (y1 + y2) * cross;
    }
    if (!best || Math.abs(area) > Math.abs(best.area)) best = { area, x: cx / (3 * area), y: cy / (3 * area) };
  }
  return [round(best.x), round(best.y)];
}

function lonLatBox(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) for (const [lon, lat] of polygon[0]) {
    box[0] = Math.min(box[0], lon); box[1] = Math.min(box[1], lat); box[2] = Math.max(box[2], lon); box[3] = Math.max(box[3], lat);
  }
  return box;
}

async function main() {
  const regionsFile = process.argv[2];
  if (!regionsFile) throw new Error('usage: node src/widgets/geo/make-outlines.mjs <regions-with-overseas.geojson>');
  const regionsGeo = JSON.parse(await readFile(regionsFile, 'utf8'));
  const deptGeo = JSON.parse(await readFile(path.join(ROOT, 'seeds', 'geo', 'departements.geojson'), 'utf8'));
  const metroWidth = Math.ceil(projectMetro([9.7, 41.3])[0]);
  const insets = [];
  const regions = [];
  OVERSEAS.forEach((code, i) => {
    const feature = regionsGeo.features.find((f) => f.properties.code === code);
    const [w, s, e, n] = lonLatBox(feature.geometry);
    const cos = Math.cos((((s + n) / 2) * Math.PI) / 180);
    const k = Math.min((INSET_SIZE - 8) / ((e - w) * cos), (INSET_SIZE - 8) / (n - s));
    const x0 = i * (INSET_SIZE + INSET_GAP) + (INSET_SIZE - (e - w) * cos * k) / 2;
    const y0 = INSET_Y + (INSET_SIZE - (n - s) * k) / 2;
    const inset = { code, lonLat: [w, s, e, n], box: [i * (INSET_SIZE + INSET_GAP), INSET_Y, INSET_SIZE, INSET_SIZE], x0: round(x0), y0: round(y0), k: round(k * 1000) / 1000, w: round(w * 1e4) / 1e4, n: round(n * 1e4) / 1e4, cos: Math.round(cos * 1e4) / 1e4 };
    insets.push(inset);
  });
  const frameFor = (code) => insets.find((inset) => inset.code === code);
  const projectorFor = (code) => {
    const inset = frameFor(code);
    if (!inset) return projectMetro;
    return ([lon, lat]) => [inset.x0 + (lon - inset.w) * inset.cos * inset.k, inset.y0 + (inset.n - lat) * inset.k];
  };
  for (const feature of regionsGeo.features) {
    const { code, nom } = feature.properties;
    const bbox = [Infinity, Infinity, -Infinity, -Infinity];
    const d = pathOf(feature.geometry, projectorFor(code), bbox);
    regions.push({ code, name: nom, d, bbox: bbox.map(round), centre: centreOf(feature.geometry, projectorFor(code)) });
  }
  const departments = [];
  for (const feature of deptGeo.features) {
    const { code, nom } = feature.properties;
    const region = deptInfo.find((dept) => dept.code === code)?.region;
    if (!region) throw new Error(`department ${code} has no region in @etalab/decoupage-administratif`);
    departments.push({ code, name: nom, region, d: pathOf(feature.geometry, projectMetro, [Infinity, Infinity, -Infinity, -Infinity]) });
  }
  const out = {
    attribution: 'Source: IGN Admin Express / INSEE, via france-geojson — Licence Ouverte / Open Licence (Etalab)',
    viewBox: [0, 0, Math.max(metroWidth, OVERSEAS.length * (INSET_SIZE + INSET_GAP) - INSET_GAP), INSET_Y + INSET_SIZE],
    metro: { ...METRO, lonLat: [-5.3, 41.2, 9.7, 51.2] },
    insets, regions, departments,
  };
  await writeFile(path.join(HERE, 'outlines.json'), JSON.stringify(out) + '\n');
  console.log(`outlines.json: ${regions.length} regions, ${departments.length} departments, ${JSON.stringify(out).length} bytes`);
}

main().catch((err) => { console.error(err); process.exit(1); });
