import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { checkSeeds } from '../src/seeding/load-seeds.js';
import { frenchGeography } from '../src/seeding/geography.js';
import { localityPoint } from '../src/seeding/validate-seeds.js';

/**
 * Commune centres come from the GeoNames dataset (matched by department and name, issue 10); the
 * official department outlines catch a match in the wrong place (a namesake, a wrong department).
 */
test('every commune centre lies inside its department outline', async () => {
  const outlines = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'seeds', 'geo', 'departements.geojson'), 'utf8'));
  const byCode = new Map<string, any>(outlines.features.map((f: any) => [f.properties.code, f]));
  const communes = new Map(frenchGeography().communes.map((c) => [c.code, c]));
  const set = await checkSeeds();
  const outside: string[] = [];
  let checked = 0;
  for (const { data } of set.localities) {
    if (!data.commune) continue;
    const commune = communes.get(data.commune)!;
    const outline = byCode.get(commune.departement);
    if (!outline) {
      // Overseas departments are not in the metropolitan outlines.
      expect(commune.departement.startsWith('97')).toBe(true);
      continue;
    }
    checked++;
    const match = localityPoint(data);
    if (!match || !('point' in match)) throw new Error(`${data.slug}: no dataset point`);
    if (!booleanPointInPolygon(point([match.point.longitude, match.point.latitude]), outline)) outside.push(`${data.slug} (${commune.nom}, ${commune.departement})`);
  }
  expect(checked).toBeGreaterThan(20);
  expect(outside).toEqual([]);
});
