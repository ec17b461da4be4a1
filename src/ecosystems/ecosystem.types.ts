import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { KEY_BY_ID, KEY_BY_SLUG, PUBLIC_CACHE } from '../federation/directives.js';
import { LocalDateResolver, URLResolver } from 'graphql-scalars';
import { Node } from '../graphql/node.js';
import { PartialDate } from '../graphql/common-types.js';

export enum LabelKind {
  NATIONAL = 'NATIONAL',
  CAPITAL = 'CAPITAL',
  COMMUNITY = 'COMMUNITY',
  METROPOLE = 'METROPOLE',
  THEMATIC_NETWORK = 'THEMATIC_NETWORK',
  HUB_ABROAD = 'HUB_ABROAD',
}
registerEnumType(LabelKind, {
  name: 'LabelKind',
  description: 'The kinds of French Tech label, past and present.',
  valuesConfig: {
    NATIONAL: { description: 'La French Tech itself, the root of the network (since 27 November 2013).' },
    CAPITAL: { description: 'Capitale French Tech (campaigns of 2019 and 2023–2025).' },
    COMMUNITY: { description: 'Communauté French Tech, in France or abroad (since 2019).' },
    METROPOLE: { description: 'Métropole French Tech, the label of the 2014 and 2015 waves.' },
    THEMATIC_NETWORK: { description: 'A thematic label or network (2015–2016: MedTech, IoT, CultureTech…).' },
    HUB_ABROAD: { description: 'French Tech Hub abroad (New York first, 2015).' },
  },
});

/** Label kinds in the order a label in force wins over another on the same day (a capital label over a community label). */
export const LABEL_KIND_PRECEDENCE: readonly LabelKind[] = [
  LabelKind.NATIONAL, LabelKind.CAPITAL, LabelKind.COMMUNITY, LabelKind.METROPOLE, LabelKind.HUB_ABROAD, LabelKind.THEMATIC_NETWORK,
];

export enum LabelStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  UNCONFIRMED = 'UNCONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
  UPCOMING = 'UPCOMING',
}
registerEnumType(LabelStatus, {
  name: 'LabelStatus',
  description: 'Where a label stands on a given date.',
  valuesConfig: {
    ACTIVE: { description: 'In force on that date.' },
    EXPIRED: { description: 'Its period ended before that date, and a source confirms it: the end is sourced (`endConfirmed`), or the ecosystem holds a later label (renewed or relabelled).' },
    UNCONFIRMED: { description: 'Its period ended before that date and no source says what followed: it may have been renewed or not. `validTo` is the last day a source confirms it in force. Not counted as in force.' },
    WITHDRAWN: { description: 'Withdrawn by the label authority.' },
    UPCOMING: { description: 'Granted, valid from a later date.' },
  },
});

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A labelling campaign or wave: Métropoles 2014, the 2019 capitals and communities, the 2023–2025 period…' })
export class Campaign extends Node {
  @Field({ description: 'Stable, human-readable key.' })
  slug!: string;

  @Field({ description: 'Name of the campaign.' })
  name!: string;

  @Field(() => PartialDate, { nullable: true, description: 'When its results were announced.' })
  announcedOn!: PartialDate | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Start of the labelling period it opened.' })
  periodStart!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Announced end of that period.' })
  periodEnd!: string | null;

  /** In French; served by CampaignResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;

  /** In French; served by CampaignResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A French Tech label held by an ecosystem for a period.' })
export class Label extends Node {
  @Field(() => LabelKind, { description: 'Kind of label.' })
  kind!: LabelKind;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day it was granted.' })
  grantedOn!: string | null;

  @Field(() => LocalDateResolver, { description: 'First day it counts in force: the first day of `start`, but never before the campaign that granted it opened (a label dated "2019" of the 2019 campaign counts from 2019-04-03).' })
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day a source confirms it in force: its own end when a source gives one, else the end of its campaign\'s period (2025-12-31 for 2023–2025); null while neither exists.' })
  validTo!: string | null;

  @Field(() => PartialDate, { description: 'Its start as the sources give it, with their precision (`2019`, `2019-04`, `2019-04-03`).' })
  start!: PartialDate;

  @Field(() => PartialDate, { nullable: true, description: 'Its end as the sources or its campaign give it, with that precision; null when none does.' })
  end!: PartialDate | null;

  @Field({ description: 'true when a source confirms that the label ended at `validTo` (not renewed, superseded, withdrawn); false when the end is only its period\'s scheduled end, so after it the label is UNCONFIRMED unless the ecosystem holds a later label.' })
  endConfirmed!: boolean;

  @Field(() => String, { nullable: true, description: 'Theme of a thematic label (IoT, MedTech…).' })
  theme!: string | null;

  /** In French; served by LabelResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}

@ObjectType({ description: 'A name an ecosystem bore for a period (ecosystems get renamed; old names stay findable).' })
export class EcosystemName {
  @Field({ description: 'The name.' })
  name!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First day it was used; null when known since the start.' })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day it was used; null while current.' })
  validTo!: string | null;
}

@Directive(KEY_BY_ID)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A dated edge of the label hierarchy: an ecosystem attached to its parent (a community to its capital, a capital to La French Tech).' })
export class HierarchyLink extends Node {
  @Field(() => LocalDateResolver, { description: 'First day of the attachment.' })
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the attachment; null while current.' })
  validTo!: string | null;

  /** In French; served by HierarchyLinkResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;
}

@Directive(KEY_BY_ID)
@Directive(KEY_BY_SLUG)
@Directive(PUBLIC_CACHE)
@ObjectType({ implements: Node, description: 'A French Tech ecosystem: La French Tech itself, a capital, a community in France or abroad, or a past métropole or hub. What it is on a date comes from its labels; where it hangs, from its hierarchy links.' })
export class Ecosystem extends Node {
  @Field({ description: 'Stable, human-readable key (does not change when the ecosystem is renamed).' })
  slug!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of its country (FR in France, including overseas).' })
  countryCode!: string;

  /** In French; served by EcosystemResolver.description in the language asked. */
  description!: string | null;

  /** Its English translation. */
  descriptionEn!: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Its website.' })
  website!: string | null;

  /** In French; served by EcosystemResolver.note in the language asked. */
  note!: string | null;

  /** Its English translation. */
  noteEn!: string | null;

  @Field(() => String, { nullable: true, description: 'INSEE code of its region: its seat\'s, else that of the first territory it covers; null abroad.' })
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: 'INSEE code of its department: its seat\'s, else that of the first territory it covers that lies in one; null abroad or for a region-wide ecosystem.' })
  departmentCode!: string | null;
}
