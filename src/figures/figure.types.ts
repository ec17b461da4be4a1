import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, PUBLIC_CACHE } from '../federation/directives.js';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum FigureQualifier {
  EXACT = 'EXACT', ABOUT = 'ABOUT', MORE_THAN = 'MORE_THAN', AT_LEAST = 'AT_LEAST', LESS_THAN = 'LESS_THAN', AT_MOST = 'AT_MOST',
}
registerEnumType(FigureQualifier, {
  name: 'FigureQualifier',
  description: 'How the source qualifies the number (the press writes "more than", "about", "some fifty").',
  valuesConfig: {
    EXACT: { description: 'The number as such.' },
    ABOUT: { description: 'About, nearly, some ("près de", "une trentaine", "quelque").' },
    MORE_THAN: { description: 'Strictly more than ("plus de", "dépasse").' },
    AT_LEAST: { description: 'At least ("plusieurs centaines" stored as at least 200).' },
    LESS_THAN: { description: 'Strictly less than.' },
    AT_MOST: { description: 'At most.' },
  },
});

export enum FigureUnit { COUNT = 'COUNT', EUR = 'EUR', PERSON = 'PERSON', ORGANISATION = 'ORGANISATION', PERCENT = 'PERCENT' }
registerEnumType(FigureUnit, {
  name: 'FigureUnit',
  description: 'What a figure counts or measures.',
  valuesConfig: {
    COUNT: { description: 'A plain count of things (labels, tweets, projects…).' },
    EUR: { description: 'An amount in euros.' },
    PERSON: { description: 'A number of people.' },
    ORGANISATION: { description: 'A number of organisations (companies, start-ups, networks…).' },
    PERCENT: { description: 'A percentage (0–100).' },
  },
});

export enum FigureTextStyle { WORDS = 'WORDS', SYMBOLS = 'SYMBOLS' }
registerEnumType(FigureTextStyle, {
  name: 'FigureTextStyle',
  description: 'How `Figure.text` renders the qualifier.',
  valuesConfig: {
    WORDS: { description: 'In words: "more than 180", "about 150".' },
    SYMBOLS: { description: 'With symbols: "> 180", "≈ 150", "≥ 200".' },
  },
});

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A dated, sourced number about a record or a territory ("more than 180 registrants", "a budget above €500,000"). The qualifier keeps the source\'s "more than" or "about".' })
export class Figure extends Node {
  @Field({ description: 'What is counted, in kebab-case: members, staff, budget, jobs, companies, registrants, speakers, tweets, attendees, startups, funding…' })
  metric!: string;

  @Field(() => Float, { description: 'The number the source gives (read with `qualifier` and `unit`).' })
  value!: number;

  @Field(() => FigureQualifier, { description: 'How the source qualifies the number.' })
  qualifier!: FigureQualifier;

  @Field(() => FigureUnit, { description: 'What the number counts or measures.' })
  unit!: FigureUnit;

  @Field(() => PartialDate, { description: 'The date the number describes, as precisely as known.' })
  asOf!: PartialDate;

  @Field(() => String, { nullable: true, description: 'The source\'s own words ("plus de 180 inscrits").' })
  label!: string | null;

  /** In French; served by FigureResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}
