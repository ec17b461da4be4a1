import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, PUBLIC_CACHE } from '../federation/directives.js';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { FIGURE_FIELDS } from './figure.record.js';

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
export class Figure extends recordObject('Figure', FIGURE_FIELDS) {
  @Field(() => Float, { description: 'The number the source gives (read with `qualifier` and `unit`).' })
  value!: number;
}
