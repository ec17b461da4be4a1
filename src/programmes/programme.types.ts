import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver, NonNegativeIntResolver, PositiveIntResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { recordObject } from '../editing/record-fields.js';
import { PROGRAMME_FIELDS } from './programme.record.js';

export enum CompanyStage {
  PROJECT = 'PROJECT', STARTUP = 'STARTUP', SCALEUP = 'SCALEUP', SME = 'SME', MIDCAP = 'MIDCAP', LARGE_COMPANY = 'LARGE_COMPANY',
  NON_PROFIT = 'NON_PROFIT', PUBLIC_BODY = 'PUBLIC_BODY',
}
registerEnumType(CompanyStage, {
  name: 'CompanyStage',
  description: 'The stage or nature of an organisation, as programmes target them.',
  valuesConfig: {
    PROJECT: { description: 'A project, before the company exists.' },
    STARTUP: { description: 'A start-up.' },
    SCALEUP: { description: 'A fast-growing start-up (scale-up).' },
    SME: { description: 'A small or medium-sized company (PME).' },
    MIDCAP: { description: 'A mid-sized company (ETI).' },
    LARGE_COMPANY: { description: 'A large company.' },
    NON_PROFIT: { description: 'An association or other non-profit.' },
    PUBLIC_BODY: { description: 'A public body.' },
  },
});

export enum OperatorKind { ASSOCIATION = 'Association', INSTITUTION = 'Institution' }
registerEnumType(OperatorKind, {
  name: 'OperatorKind',
  description: 'What kind of organisation runs a programme or a place.',
  valuesConfig: {
    ASSOCIATION: { description: 'A supporting association.' },
    INSTITUTION: { description: 'A partner institution (State body, local authority, company…).' },
  },
});

@ObjectType({ description: 'Who may apply to a programme. An absent bound means no condition of that kind.' })
export class Eligibility {
  @Field(() => PositiveIntResolver, { nullable: true, description: 'Open only to organisations with strictly fewer staff than this (50 = "fewer than 50 staff").' })
  headcountBelow!: number | null;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: 'Open only to organisations with at least this many staff.' })
  headcountAtLeast!: number | null;

  @Field(() => [CompanyStage], { description: 'Stages targeted; empty when the sources set no condition on stage.' })
  stages!: CompanyStage[];

  /** In French; served by EligibilityResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}

@ObjectType({ description: 'What a programme pays.' })
export class Funding {
  @Field(() => Float, { nullable: true, description: 'Maximum amount per beneficiary, in `currency` (stored as an exact decimal with cents; see `maxAmountText`).' })
  maxAmount!: number | null;

  @Field(() => String, { nullable: true, description: 'The maximum amount as an exact decimal string ("3000.00"), for clients that must not round.' })
  maxAmountText!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of the amounts ("EUR").' })
  currency!: string | null;

  @Field(() => Float, { nullable: true, description: 'Share of the expense covered, between 0 and 1 (0.5 = 50 %).' })
  rate!: number | null;

  /** In French; served by FundingResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'What the network offers: a national programme (French Tech Tremplin, Visa, Rise…) or a local one (Beecome in Strasbourg, Cap Numeric\'s job board…).' })
export class Programme extends recordObject('Programme', PROGRAMME_FIELDS) {
  @Field(() => String, { nullable: true, description: 'Slug of the association or institution that runs it (see `operatorKind`).' })
  operatorSlug!: string | null;

  @Field(() => OperatorKind, { nullable: true, description: 'Whether the operator is an association or an institution.' })
  operatorKind!: OperatorKind | null;

  @Field(() => Eligibility, { description: 'Who may apply.' })
  eligibility!: Eligibility;

  @Field(() => Funding, { nullable: true, description: 'What it pays; null when the sources give no funding.' })
  funding!: Funding | null;
}

@ObjectType({ description: 'An ecosystem deploying a programme on its territory, for a period.' })
export class ProgrammeDeployment {
  @Field(() => LocalDateResolver, { nullable: true, description: 'First day of the deployment, when known.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the deployment; null while current or unknown.' })
  validTo!: string | null;
}
