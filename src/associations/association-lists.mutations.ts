import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { LIST_DOC, setChildList } from '../editing/child-lists.js';
import { DATE_DOC, SOURCES_DOC, VERSION_DOC } from '../editing/inputs.js';
import { asPayload } from '../editing/payload.js';
import { payloadType } from '../editing/user-error.js';
import { CARRIES } from './association.record.js';
import { ASSOCIATION_KIND } from './association.mutations.js';
import { Association } from './association.types.js';

@InputType({ description: 'A French Tech label an association carries for an ecosystem, over a period. Rules: the seed files\' `associations[].carries`.' })
export class CarriedLabelInput {
  @Field({ description: 'Slug of the ecosystem whose label is carried.' }) ecosystem!: string;
  @Field(() => String, { nullable: true, description: `First day it carries it. ${DATE_DOC}` }) from?: string;
  @Field(() => String, { nullable: true, description: `Last day it carries it. ${DATE_DOC}` }) to?: string;
  @Field(() => [String], { description: 'Slugs of the sources that attest this carrying (at least one).' }) sources!: string[];
}

@InputType({ description: `Sets the labels an association carries. ${LIST_DOC}` })
export class AssociationCarriesSetInput {
  @Field(() => ID, { description: 'Global ID of the association.' }) id!: string;
  @Field(() => Int, { description: VERSION_DOC }) expectedVersion!: number;
  @Field(() => [CarriedLabelInput], { description: 'Every label it carries or carried, oldest first; an empty list removes them all.' }) carries!: CarriedLabelInput[];
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const AssociationPayload = payloadType('AssociationPayload', Association, 'association', 'What an association mutation did: the association as it is now, or why nothing changed.');

@Resolver()
export class AssociationListMutations {
  @Mutation(() => AssociationPayload, { description: 'Sets the French Tech labels an association carries, with their periods (editors); states the version it is based on.' })
  async associationCarriesSet(@Arg('input', () => AssociationCarriesSetInput, { description: 'The association and its whole list.' }) input: AssociationCarriesSetInput, @Ctx() ctx: RequestContext) {
    return asPayload('association', await setChildList(ctx, ASSOCIATION_KIND, CARRIES, 'associationCarriesSet', input as never));
  }
}
