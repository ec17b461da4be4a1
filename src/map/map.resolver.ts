import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { ASOF_DESCRIPTION } from '../ecosystems/ecosystem.resolver.js';
import { MapFilter, NationalMap } from './map.types.js';
import { nationalMap, toGeoJson, type GeoJsonFeatureCollection } from './map.service.js';

@Resolver(() => NationalMap)
export class MapResolver {
  @Query(() => NationalMap, { description: 'The national map on a date: every labelled ecosystem (capitals, communities in France and abroad) and every hub serving one, with coordinates, kind and label path, the links from communities to their parents, and the same as GeoJSON. Costs 2 SQL statements whatever the size of the network.' })
  async nationalMap(
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: ASOF_DESCRIPTION }) asOf?: string,
    @Arg('filter', () => MapFilter, { nullable: true, description: 'Conditions on the points (region, label kinds, in France or abroad, hubs).' }) filter?: MapFilter,
  ) {
    const map = await nationalMap(ctx.em, asOf ?? ctx.today, filter ?? {});
    let geoJson: GeoJsonFeatureCollection | undefined;
    return Object.defineProperty(map, 'geoJson', { enumerable: true, get: () => (geoJson ??= toGeoJson(map)) });
  }
}
