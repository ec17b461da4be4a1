import { createUnionType, Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { Coordinates } from '../graphql/common-types.js';
import { Ecosystem, LabelKind } from '../ecosystems/ecosystem.types.js';
import { Hub } from '../hubs/hub.types.js';
import { PUBLIC_CACHE } from '../federation/directives.js';

/** The label kinds, plus HUB for places: derived so the two enums cannot drift apart. */
export const MapPointKind = { ...LabelKind, HUB: 'HUB' } as const;
export type MapPointKind = (typeof MapPointKind)[keyof typeof MapPointKind];
registerEnumType(MapPointKind, {
  name: 'MapPointKind',
  description: 'What a point of the national map stands for: the kind of label its ecosystem holds on the date, or HUB for a place.',
  valuesConfig: {
    NATIONAL: { description: 'La French Tech, the root.' },
    CAPITAL: { description: 'A Capitale French Tech.' },
    COMMUNITY: { description: 'A Communauté French Tech, in France or abroad.' },
    METROPOLE: { description: 'A Métropole French Tech (2014–2015 waves).' },
    THEMATIC_NETWORK: { description: 'A thematic network.' },
    HUB_ABROAD: { description: 'A French Tech Hub abroad.' },
    HUB: { description: 'A hub (totem, incubator, coworking space, venue) serving a labelled ecosystem.' },
  },
});

export const MapNode = createUnionType({
  name: 'MapNode',
  description: 'What a map point shows: an ecosystem or a hub.',
  types: () => [Ecosystem, Hub] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

@InputType({ description: 'Narrows the national map. Every condition given must hold.' })
export class MapFilter {
  @Field(() => String, { nullable: true, description: 'INSEE code of a region ("44" for Grand Est): points whose seat (ecosystems) or locality (hubs) lies in it. Points abroad have no region.' })
  regionCode?: string;

  @Field(() => [LabelKind], { nullable: true, description: 'Only ecosystems holding a label of one of these kinds on the date, and the hubs serving them.' })
  kinds?: LabelKind[];

  @Field(() => Boolean, { nullable: true, description: 'true: only points in France (overseas included); false: only points abroad.' })
  inFrance?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'false leaves hubs out (default: hubs included).' })
  hubs?: boolean;
}

@ObjectType({ description: 'A point of the national map: a labelled ecosystem or a hub serving one.' })
export class MapPoint {
  @Field(() => ID, { description: 'Global ID of the ecosystem or hub (the same as `node.id`).' })
  id!: string;

  @Field(() => MapNode, { description: 'The ecosystem or hub itself, for any further field.' })
  node!: typeof MapNode;

  @Field({ description: 'Slug of the ecosystem or hub.' })
  slug!: string;

  @Field({ description: 'Its name on the date (ecosystems get renamed).' })
  name!: string;

  @Field(() => MapPointKind, { description: 'The kind of label in force on the date, or HUB.' })
  kind!: MapPointKind;

  @Field(() => Coordinates, { nullable: true, description: 'Where to draw it: an ecosystem\'s seat centre (precision COMMUNE); a hub\'s own point (EXACT), else its locality\'s centre (COMMUNE). Null when unknown (a country-wide community abroad, a seat without a sourced centre): such points stay in `points` but are left out of `geoJson`.' })
  coordinates!: Coordinates | null;

  @Field({ description: 'ISO 3166-1 alpha-2 code of its country.' })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'INSEE code of the region of its seat (hub: of its locality); null abroad or when the seat is not a French commune, department or region.' })
  regionCode!: string | null;

  @Field(() => [String], { description: 'Names from the root down to this point on the date: ["La French Tech", capital, community]; for a hub, the path of the ecosystem it serves, then the hub.' })
  labelPath!: string[];

  @Field(() => ID, { nullable: true, description: 'Global ID of its parent on the date (for a hub, the ecosystem it serves); null for the root.' })
  parentId!: string | null;
}

@ObjectType({ description: 'A line of the national map: an ecosystem below the capitals (a community, a past métropole…) to its parent (capital or root) on the date.' })
export class MapLink {
  @Field(() => MapPoint, { description: 'The community (child end), with its coordinates when known.' })
  from!: MapPoint;

  @Field(() => MapPoint, { description: 'Its parent, a capital or La French Tech, with its coordinates when known.' })
  to!: MapPoint;
}

// Drawn from public records that carry the same hint: the map is as cacheable as they are.
@Directive(PUBLIC_CACHE)
@ObjectType({ description: 'The network on a map at a date: every labelled ecosystem and every hub serving one, the links from communities to their parents, and the same as GeoJSON.' })
export class NationalMap {
  @Field(() => LocalDateResolver, { description: 'The date the map is drawn at.' })
  asOf!: string;

  @Field(() => [MapPoint], { description: 'Ecosystems labelled on the date (by kind then slug), then the hubs serving them (by slug). Points without coordinates are listed too.' })
  points!: MapPoint[];

  @Field(() => [MapLink], { description: 'One link per ecosystem below the capitals (communities in France and abroad) to its parent on the date.' })
  links!: MapLink[];

  @Field(() => JSONObjectResolver, { description: 'The map as an RFC 7946 GeoJSON FeatureCollection, [longitude, latitude] order, ready for Leaflet or MapLibre: a Point feature per point with coordinates (properties id, slug, name, kind, labelPath, parentId, countryCode, regionCode, precision) and a LineString per link whose two ends have coordinates (properties id, kind "LINK", name, childId, parentId). Points without coordinates are left out. Also served as GET /map.geojson?asOf=YYYY-MM-DD.' })
  geoJson!: Record<string, unknown>;
}
