import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver, NonNegativeIntResolver, PositiveIntResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum ProgrammeLevel { NATIONAL = 'NATIONAL', REGIONAL = 'REGIONAL', LOCAL = 'LOCAL' }
registerEnumType(ProgrammeLevel, {
  name: 'ProgrammeLevel',
  description: 'At which level a programme is run.',
  valuesConfig: {
    NATIONAL: { description: 'Run nationally (Mission French Tech, a national company…).' },
    REGIONAL: { description: 'Run for a region.' },
    LOCAL: { description: 'Run for a department, a metropolis, a city or an informal area.' },
  },
});

export enum ProgrammeKind {
  GRANT = 'GRANT', ACCELERATION = 'ACCELERATION', VISA = 'VISA', ONE_STOP_SHOP = 'ONE_STOP_SHOP', SUPPORT = 'SUPPORT',
  NETWORKING = 'NETWORKING', SERVICE = 'SERVICE', JOB_BOARD = 'JOB_BOARD', COMPETITION = 'COMPETITION', CHARTER = 'CHARTER',
  FUND = 'FUND', OTHER = 'OTHER',
}
registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  description: 'What a programme offers.',
  valuesConfig: {
    GRANT: { description: 'Money given to laureates (grant, call for projects).' },
    ACCELERATION: { description: 'An acceleration or support track for selected companies.' },
    VISA: { description: 'A residence permit scheme.' },
    ONE_STOP_SHOP: { description: 'A single entry point to public services.' },
    SUPPORT: { description: 'Coaching, diagnostics, incubation, possibly with a grant.' },
    NETWORKING: { description: 'Meetings between members or companies.' },
    SERVICE: { description: 'A service to members (watch, press relations…).' },
    JOB_BOARD: { description: 'A job board.' },
    COMPETITION: { description: 'A competition or hackathon.' },
    CHARTER: { description: 'A charter of good practice.' },
    FUND: { description: 'An investment fund or financing scheme.' },
    OTHER: { description: 'Anything else.' },
  },
});

export enum ProgrammeStatus { PILOT = 'PILOT', ACTIVE = 'ACTIVE', ENDED = 'ENDED', UNKNOWN = 'UNKNOWN' }
registerEnumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description: 'Where a programme stands, as far as the sources show.',
  valuesConfig: {
    PILOT: { description: 'Being tested (counts as open).' },
    ACTIVE: { description: 'Running, according to a recent source.' },
    ENDED: { description: 'Closed.' },
    UNKNOWN: { description: 'The latest source is old: it may still run.' },
  },
});

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
export class Programme extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Name of the programme.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Slug of the association or institution that runs it (see `operatorKind`).' })
  operatorSlug!: string | null;

  @Field(() => OperatorKind, { nullable: true, description: 'Whether the operator is an association or an institution.' })
  operatorKind!: OperatorKind | null;

  @Field(() => ProgrammeLevel, { description: 'Level at which it is run.' })
  level!: ProgrammeLevel;

  @Field(() => ProgrammeKind, { description: 'What it offers.' })
  kind!: ProgrammeKind;

  /** In French; served by ProgrammeResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;

  /** In French; served by ProgrammeResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;

  @Field(() => Eligibility, { description: 'Who may apply.' })
  eligibility!: Eligibility;

  @Field(() => Funding, { nullable: true, description: 'What it pays; null when the sources give no funding.' })
  funding!: Funding | null;

  @Field(() => PartialDate, { nullable: true, description: 'When it started, as precisely as known.' })
  startsOn!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'When it ends or ended, as precisely as known; null when open-ended.' })
  endsOn!: PartialDate | null;

  @Field(() => ProgrammeStatus, { description: 'Where it stands, as far as the sources show.' })
  status!: ProgrammeStatus;
}

@ObjectType({ description: 'An ecosystem deploying a programme on its territory, for a period.' })
export class ProgrammeDeployment {
  @Field(() => LocalDateResolver, { nullable: true, description: 'First day of the deployment, when known.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the deployment; null while current or unknown.' })
  validTo!: string | null;
}
