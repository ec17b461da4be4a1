import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

/**
 * Official French geography (INSEE Code officiel géographique, via @etalab/decoupage-administratif)
 * and ISO country names in French (i18n-iso-countries). Names are never typed by hand in the seeds.
 */
const require = createRequire(import.meta.url);

export interface Region { code: string; nom: string; chefLieu?: string }
export interface Department { code: string; nom: string; region: string; chefLieu?: string }
export interface Commune { code: string; nom: string; departement: string; region: string; type: string; population?: number }

export const GEOGRAPHY_PACKAGE = '@etalab/decoupage-administratif';

let cache: { regions: Region[]; departments: Department[]; communes: Commune[] } | undefined;

export function frenchGeography() {
  if (!cache) {
    cache = {
      regions: readPackageJson(`${GEOGRAPHY_PACKAGE}/data/regions.json`) as Region[],
      departments: readPackageJson(`${GEOGRAPHY_PACKAGE}/data/departements.json`) as Department[],
      // Current communes only: "commune-deleguee" and "arrondissement-municipal" share codes or overlap.
      communes: (readPackageJson(`${GEOGRAPHY_PACKAGE}/data/communes.json`) as Commune[]).filter((c) => c.type === 'commune-actuelle'),
    };
  }
  return cache;
}

/**
 * A package's JSON data, parsed without Node's module cache: `require` would keep every file it read
 * for the life of the process, so the datasets could never be let go (forgetFrenchGeography).
 */
export function readPackageJson(specifier: string): unknown {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));
}

/** Lets the geography go (tens of MB of heap); the next frenchGeography() reads it again. */
export function forgetFrenchGeography(): void {
  cache = undefined;
}
export const frenchGeographyInMemory = () => cache !== undefined;

countries.registerLocale(require('i18n-iso-countries/langs/fr.json'));

export function countryName(code: string): string | undefined {
  return countries.getName(code, 'fr', { select: 'official' }) ?? undefined;
}
