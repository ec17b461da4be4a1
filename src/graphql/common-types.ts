import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { SHAREABLE } from '../federation/directives.js';
import { LatitudeResolver, LocalDateResolver, LongitudeResolver } from 'graphql-scalars';
import type { DatePrecision } from '../shared/partial-date.js';
import { formatPartialDate } from '../shared/partial-date.js';

export enum DatePrecisionEnum { YEAR = 'YEAR', MONTH = 'MONTH', DAY = 'DAY' }
registerEnumType(DatePrecisionEnum, { name: 'DatePrecision', description: 'How precisely a source dates something.' });

@Directive(SHAREABLE)
@ObjectType({ description: 'A date as precise as its source: a year ("2019"), a month ("2019-04") or a day.' })
export class PartialDate {
  @Field(() => LocalDateResolver, { description: 'The first day of the period.' })
  date!: string;

  @Field(() => DatePrecisionEnum, { description: 'Whether the source gives the year, the month or the day.' })
  precision!: DatePrecision;

  @Field({ description: 'The date as the source gives it: "2019", "2019-04" or "2019-04-03".' })
  text!: string;
}

/** Builds a PartialDate from a date column and its precision column (null when the date is unknown). */
export function partialDate(date: string | null | undefined, precision: string | null | undefined): PartialDate | null {
  if (!date) return null;
  const p = (precision ?? 'DAY') as DatePrecision;
  return { date, precision: p, text: formatPartialDate(date, p) };
}

export enum CoordinatesPrecision { EXACT = 'EXACT', COMMUNE = 'COMMUNE', TERRITORY = 'TERRITORY' }
registerEnumType(CoordinatesPrecision, {
  name: 'CoordinatesPrecision',
  description: 'What a point stands for.',
  valuesConfig: {
    EXACT: { description: 'The place itself, from a source that gives its position.' },
    COMMUNE: { description: 'The centre of the commune (or city abroad) the place is in.' },
    TERRITORY: { description: 'A point standing for the territory an ecosystem without a seat covers: the centre of the chef-lieu (prefecture) of its first department or region. Not where the ecosystem sits.' },
  },
});

@Directive(SHAREABLE)
@ObjectType({ description: 'A WGS 84 point.' })
export class Coordinates {
  @Field(() => LatitudeResolver, { description: 'Latitude in decimal degrees (WGS 84).' })
  latitude!: number;

  @Field(() => LongitudeResolver, { description: 'Longitude in decimal degrees (WGS 84).' })
  longitude!: number;

  @Field(() => CoordinatesPrecision, { description: 'Whether the point is the place itself, its commune centre, or the chef-lieu of the territory it covers.' })
  precision!: CoordinatesPrecision;
}

export function coordinates(latitude: number | null | undefined, longitude: number | null | undefined, precision: CoordinatesPrecision): Coordinates | null {
  return latitude == null || longitude == null ? null : { latitude, longitude, precision };
}
