import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { RequestContext } from '../graphql/context.js';
import { ASOF_DESCRIPTION } from '../ecosystems/ecosystem.resolver.js';
import { MapFilter, NationalMap } from './map.types.js';
import { nationalMap, toGeoJson, type GeoJsonFeatureCollection, type NationalMapData } from './map.service.js';
import { CERTAINTY_FIELDS, certaintyOn, coverageOn, NetworkCoverage, type Certainty } from '../ecosystems/certainty.js';

/** The map's root, with the certainty of its date read once when a field asks for it. */
type MapRoot = NationalMapData & { certainty?: Promise<Certainty> };
const certaintyOf = (map: MapRoot, ctx: RequestContext) => (map.certainty ??= certaintyOn(ctx.em, map.asOf));

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

  @FieldResolver(() => LocalDateResolver, { description: CERTAINTY_FIELDS.stateOn })
  async stateOn(@Root() map: MapRoot, @Ctx() ctx: RequestContext) {
    return (await certaintyOf(map, ctx)).stateOn;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: CERTAINTY_FIELDS.confirmedUntil })
  async confirmedUntil(@Root() map: MapRoot, @Ctx() ctx: RequestContext) {
    return (await certaintyOf(map, ctx)).confirmedUntil;
  }

  @FieldResolver(() => Boolean, { description: CERTAINTY_FIELDS.confirmed })
  async confirmed(@Root() map: MapRoot, @Ctx() ctx: RequestContext) {
    return (await certaintyOf(map, ctx)).confirmed;
  }

  @FieldResolver(() => [NetworkCoverage], { description: 'As `network.coverage`, for the whole map of `stateOn` (before `filter`): labels the data names per kind and place, against the official count with its figure.' })
  async coverage(@Root() map: MapRoot, @Ctx() ctx: RequestContext) {
    const { stateOn } = await certaintyOf(map, ctx);
    return coverageOn(ctx.em, stateOn, (kind, inFrance) => map.named.filter((p) => p.kind === kind && (p.countryCode === 'FR') === inFrance).length);
  }
}
