import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordChange } from '../audit/record-change.js';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { DATE_DOC, SOURCES_DOC } from '../editing/inputs.js';
import { payloadType, userError, UserErrorCode } from '../editing/user-error.js';
import { recordId } from '../editing/records.js';
import { compact, day, References } from '../editing/references.js';
import { cite, dayBefore, lockVersion, mutate, refuse } from '../editing/transaction.js';
import { reindexRecords } from '../search/search-index.js';
import { checkRecord, under, type FieldMapper } from '../editing/validation.js';
import { parsePartialDate } from '../shared/partial-date.js';
import { Ecosystem, Label, LabelKind } from './ecosystem.types.js';
import { labelPeriod, type CampaignPeriod } from './label-period.js';
import { ecosystemById, labelById } from './ecosystem.loaders.js';

const ECOSYSTEM_VERSION_DOC = 'The `version` of the ecosystem the change is based on; a stale one gets a CONFLICT user error with the current version, and nothing changes.';
const ECOSYSTEM = { typename: 'Ecosystem' };

/** The hierarchy as the audit trail keeps it: names, labels and attachments of one ecosystem. */
async function hierarchySnapshot(em: EntityManager, id: string): Promise<Record<string, unknown>> {
  const [row] = await sql<{ row: Record<string, unknown> }>(em,
    `select jsonb_build_object(
       'slug', e.slug, 'version', e.version,
       'names', (select coalesce(jsonb_agg(jsonb_build_object('name', n.name, 'validFrom', n.valid_from, 'validTo', n.valid_to) order by n.position), '[]') from ecosystem_name n where n.ecosystem_id = e.id),
       'labels', (select coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'kind', l.kind, 'validFrom', l.valid_from, 'validTo', l.valid_to, 'status', l.status, 'version', l.version) order by l.position), '[]') from label l where l.ecosystem_id = e.id),
       'attachments', (select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'parent', p.slug, 'validFrom', a.valid_from, 'validTo', a.valid_to) order by a.position), '[]') from attachment a join ecosystem p on p.id = a.parent_id where a.child_id = e.id)
     ) as row from ecosystem e where e.id = $1`, [id]);
  return row!.row;
}

/**
 * Runs a change of the hierarchy of one ecosystem (admins): lock + version check of the ecosystem,
 * the change, version + 1, the audit entry with the hierarchy before and after, in one transaction.
 */
async function changeHierarchy(ctx: RequestContext, action: string, ecosystemGlobalId: string, expectedVersion: number | null | undefined,
  change: (em: EntityManager, id: string, slug: string) => Promise<void>) {
  const outcome = await mutate(ctx, 'admin', async (em) => {
    const id = recordId(ECOSYSTEM, ecosystemGlobalId);
    let current: Record<string, any>;
    if (expectedVersion === undefined || expectedVersion === null) {
      const [row] = await sql<{ row: Record<string, any> }>(em, `select to_jsonb(e) as row from ecosystem e where e.id = $1 for update`, [id]);
      if (!row) refuse(userError(['ecosystemId'], 'no Ecosystem with this ID', UserErrorCode.NOT_FOUND));
      current = row.row;
    } else {
      current = await lockVersion(em, 'ecosystem', 'Ecosystem', id, expectedVersion, false);
    }
    const before = await hierarchySnapshot(em, id);
    await change(em, id, current.slug);
    await sql(em, `update ecosystem set version = version + 1, updated_at = now() where id = $1`, [id]);
    await recordChange(em, ctx, { action, recordType: 'Ecosystem', recordId: id, before, after: await hierarchySnapshot(em, id) });
    await reindexRecords(em, 'Ecosystem', [id]);
    return id;
  });
  const loader = ctx.loader(ecosystemById);
  if (outcome.id) loader.clear(outcome.id);
  return { ecosystem: outcome.id ? await loader.load(outcome.id) : null, userErrors: outcome.userErrors };
}

/** The seed rules of one part of an ecosystem (a label, a name, an attachment), checked inside a minimal ecosystem record. */
async function checkPart(em: EntityManager, slug: string, part: 'labels' | 'names' | 'attachments', value: Record<string, unknown>, toInput: FieldMapper = under(part, '0')) {
  const data: Record<string, unknown> = { slug, names: [{ name: 'x' }], labels: [], sources: value.sources, [part]: [compact(value)] };
  const errors = await checkRecord(em, 'ecosystems', data, (path) => (path[0] === 'sources' ? path : toInput(path)));
  if (errors.length > 0) refuse(...errors);
}

// --- inputs ---------------------------------------------------------------------------------------

@InputType({ description: 'Grants a French Tech label to an ecosystem. Rules: the seed files\' `ecosystems[].labels`.' })
export class LabelGrantInput {
  @Field(() => ID, { description: 'Global ID of the ecosystem.' }) ecosystemId!: string;
  @Field(() => Int, { nullable: true, description: `${ECOSYSTEM_VERSION_DOC} Optional: a grant adds to the history.` }) expectedVersion?: number;
  @Field(() => LabelKind, { description: 'Kind of label.' }) kind!: LabelKind;
  @Field(() => String, { nullable: true, description: 'Slug of the labelling campaign.' }) campaign?: string;
  @Field(() => String, { nullable: true, description: `When it was granted. ${DATE_DOC}` }) grantedOn?: string;
  @Field(() => String, { nullable: true, description: 'Slug of the person who granted it.' }) grantedBy?: string;
  @Field({ description: `First day of validity. ${DATE_DOC}` }) validFrom!: string;
  @Field(() => String, { nullable: true, description: `Last day of validity. ${DATE_DOC}` }) validTo?: string;
  @Field(() => String, { nullable: true, description: 'Theme, for thematic networks.' }) theme?: string;
  @Field(() => String, { nullable: true, description: 'A note, in French.' }) note?: string;
  @Field(() => String, { nullable: true, description: 'The note in English (a translation of `note`).' }) noteEn?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Withdraws a label: its status becomes WITHDRAWN; with `from`, its validity ends the day before.' })
export class LabelWithdrawInput {
  @Field(() => ID, { description: 'Global ID of the label.' }) id!: string;
  @Field(() => Int, { description: 'The `version` of the label the change is based on (CONFLICT when stale).' }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: `The day the withdrawal takes effect. ${DATE_DOC}` }) from?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Attaches an ecosystem to a parent (a community to a capital) from a date; a current attachment ends the day before.' })
export class EcosystemAttachInput {
  @Field(() => ID, { description: 'Global ID of the ecosystem to attach.' }) id!: string;
  @Field(() => Int, { description: ECOSYSTEM_VERSION_DOC }) expectedVersion!: number;
  @Field({ description: 'Slug of the parent ecosystem.' }) parent!: string;
  @Field({ description: `First day of the attachment. ${DATE_DOC}` }) from!: string;
  @Field(() => String, { nullable: true, description: 'A note, in French.' }) note?: string;
  @Field(() => String, { nullable: true, description: 'The note in English (a translation of `note`).' }) noteEn?: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Detaches an ecosystem from its parent from a date: the attachment in force that day ends the day before.' })
export class EcosystemDetachInput {
  @Field(() => ID, { description: 'Global ID of the ecosystem.' }) id!: string;
  @Field(() => Int, { description: ECOSYSTEM_VERSION_DOC }) expectedVersion!: number;
  @Field({ description: `First day without the parent. ${DATE_DOC}` }) from!: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

@InputType({ description: 'Renames an ecosystem from a date; the old name stays in `names`, valid until the day before.' })
export class EcosystemRenameInput {
  @Field(() => ID, { description: 'Global ID of the ecosystem.' }) id!: string;
  @Field(() => Int, { description: ECOSYSTEM_VERSION_DOC }) expectedVersion!: number;
  @Field({ description: 'The new name.' }) name!: string;
  @Field({ description: `First day of the new name. ${DATE_DOC}` }) from!: string;
  @Field(() => [String], { description: SOURCES_DOC }) sources!: string[];
}

const EcosystemPayload = payloadType('EcosystemPayload', Ecosystem, 'ecosystem', 'What a hierarchy mutation did: the ecosystem as it is now, or why nothing changed.');
const LabelPayload = payloadType('LabelPayload', Label, 'label', 'What a label mutation did.');

const nextPosition = (table: string, column: string) => `(select coalesce(max(position) + 1, 0) from ${table} where ${column} = $1)`;

@Resolver()
export class HierarchyMutations {
  @Mutation(() => LabelPayload, { description: 'Grants a label (admins): kind, campaign, dates, granted by.' })
  async labelGrant(@Arg('input', () => LabelGrantInput, { description: 'The label.' }) input: LabelGrantInput, @Ctx() ctx: RequestContext) {
    let labelId: string | null = null;
    const result = await changeHierarchy(ctx, 'labelGrant', input.ecosystemId, input.expectedVersion, async (em, id, slug) => {
      const { ecosystemId: _e, expectedVersion: _v, ...label } = input;
      await checkPart(em, slug, 'labels', { ...label });
      const refs = new References(em);
      const campaignId = await refs.optionalId('campaign', input.campaign);
      const [campaign] = campaignId ? await sql<CampaignPeriod>(em,
        `select period_start::text as "periodStart", period_end::text as "periodEnd", announced_on::text as "announcedOn",
                announced_on_precision as "announcedOnPrecision" from campaign where id = $1`, [campaignId]) : [];
      const period = labelPeriod(input.validFrom, input.validTo, campaign ?? null);
      const [row] = await sql<{ id: string }>(em,
        `insert into label (ecosystem_id, position, kind, campaign_id, granted_on, granted_by_id, valid_from, valid_from_precision, valid_to, valid_to_precision, theme, note, note_en)
         values ($1, ${nextPosition('label', 'ecosystem_id')}, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
        [id, input.kind, campaignId, day(input.grantedOn), await refs.optionalId('person', input.grantedBy),
          period.validFrom, period.validFromPrecision, period.validTo, period.validToPrecision, input.theme ?? null, input.note ?? null, input.noteEn ?? null]);
      labelId = row!.id;
      await cite(em, 'Label', labelId, input.sources);
    });
    const loader = ctx.loader(labelById);
    return { label: result.userErrors.length === 0 && labelId ? await loader.load(labelId) : null, userErrors: result.userErrors };
  }

  @Mutation(() => LabelPayload, { description: 'Withdraws a label (admins).' })
  async labelWithdraw(@Arg('input', () => LabelWithdrawInput, { description: 'The label and the date.' }) input: LabelWithdrawInput, @Ctx() ctx: RequestContext) {
    const outcome = await mutate(ctx, 'admin', async (em) => {
      const id = recordId({ typename: 'Label' }, input.id);
      const label = await lockVersion(em, 'label', 'Label', id, input.expectedVersion, false);
      const [eco] = await sql<{ slug: string }>(em, `select slug from ecosystem where id = $1`, [label.ecosystem_id]);
      const until = input.from === undefined || input.from === null ? undefined : parsePartialDate(input.from) ? dayBefore(parsePartialDate(input.from)!.date) : input.from;
      await checkPart(em, eco!.slug, 'labels', { kind: label.kind, validFrom: label.valid_from, validTo: until, status: 'WITHDRAWN', sources: input.sources },
        (path) => (path[2] === 'validTo' ? ['from'] : under('labels', '0')(path)));
      const before = await hierarchySnapshot(em, label.ecosystem_id);
      await sql(em, `update label set status = 'WITHDRAWN', valid_to = coalesce($2::date, valid_to), valid_to_precision = case when $2::date is null then valid_to_precision else 'DAY' end, version = version + 1, updated_at = now() where id = $1`, [id, until ?? null]);
      await sql(em, `update ecosystem set version = version + 1, updated_at = now() where id = $1`, [label.ecosystem_id]);
      await cite(em, 'Label', id, input.sources);
      await recordChange(em, ctx, { action: 'labelWithdraw', recordType: 'Ecosystem', recordId: label.ecosystem_id, before, after: await hierarchySnapshot(em, label.ecosystem_id) });
      return id;
    });
    const loader = ctx.loader(labelById);
    if (outcome.id) loader.clear(outcome.id);
    return { label: outcome.id ? await loader.load(outcome.id) : null, userErrors: outcome.userErrors };
  }

  @Mutation(() => EcosystemPayload, { description: 'Attaches an ecosystem to a parent from a date (admins).' })
  ecosystemAttach(@Arg('input', () => EcosystemAttachInput, { description: 'The ecosystem, its parent and the date.' }) input: EcosystemAttachInput, @Ctx() ctx: RequestContext) {
    return changeHierarchy(ctx, 'ecosystemAttach', input.id, input.expectedVersion, async (em, id, slug) => {
      await checkPart(em, slug, 'attachments', { parent: input.parent, from: input.from, note: input.note, noteEn: input.noteEn, sources: input.sources });
      const from = parsePartialDate(input.from)!.date;
      const [overlap] = await sql<{ valid_from: string }>(em, `select valid_from::text from attachment where child_id = $1 and valid_from >= $2 limit 1`, [id, from]);
      if (overlap) refuse(userError(['from'], `must be after the start of its latest attachment (${overlap.valid_from})`, UserErrorCode.VALIDATION));
      await sql(em, `update attachment set valid_to = $2, version = version + 1, updated_at = now() where child_id = $1 and (valid_to is null or valid_to >= $3)`, [id, dayBefore(from), from]);
      const parentId = await new References(em).id('ecosystem', input.parent);
      const [row] = await sql<{ id: string }>(em,
        `insert into attachment (child_id, parent_id, position, valid_from, note, note_en) values ($1, $2, ${nextPosition('attachment', 'child_id')}, $3, $4, $5) returning id`,
        [id, parentId, from, input.note ?? null, input.noteEn ?? null]);
      await cite(em, 'Attachment', row!.id, input.sources);
    });
  }

  @Mutation(() => EcosystemPayload, { description: 'Detaches an ecosystem from its parent from a date (admins).' })
  ecosystemDetach(@Arg('input', () => EcosystemDetachInput, { description: 'The ecosystem and the date.' }) input: EcosystemDetachInput, @Ctx() ctx: RequestContext) {
    return changeHierarchy(ctx, 'ecosystemDetach', input.id, input.expectedVersion, async (em, id, slug) => {
      const from = parsePartialDate(input.from);
      const [link] = from ? await sql<{ id: string; parent: string; valid_from: string }>(em,
        `select a.id, p.slug as parent, a.valid_from::text from attachment a join ecosystem p on p.id = a.parent_id
         where a.child_id = $1 and a.valid_from <= $2 and (a.valid_to is null or a.valid_to >= $2) order by a.valid_from desc limit 1`, [id, from.date]) : [];
      // Any other ecosystem stands in for the parent when none is attached: the rules then check the dates and sources.
      const parent = link?.parent ?? (await sql<{ slug: string }>(em, `select slug from ecosystem where id <> $1 order by slug limit 1`, [id]))[0]?.slug;
      await checkPart(em, slug, 'attachments', { parent, from: link?.valid_from ?? input.from, to: from ? dayBefore(from.date) : input.from, sources: input.sources },
        (path) => (path[2] === 'to' || path[2] === 'from' ? ['from'] : null));
      if (!link) refuse(userError(['from'], `is not attached to a parent on ${input.from}`, UserErrorCode.VALIDATION));
      await sql(em, `update attachment set valid_to = $2, version = version + 1, updated_at = now() where id = $1`, [link.id, dayBefore(from!.date)]);
      await cite(em, 'Attachment', link.id, input.sources);
    });
  }

  @Mutation(() => EcosystemPayload, { description: 'Renames an ecosystem from a date (admins); the old name stays in `names`.' })
  ecosystemRename(@Arg('input', () => EcosystemRenameInput, { description: 'The ecosystem, its new name and the date.' }) input: EcosystemRenameInput, @Ctx() ctx: RequestContext) {
    return changeHierarchy(ctx, 'ecosystemRename', input.id, input.expectedVersion, async (em, id, slug) => {
      await checkPart(em, slug, 'names', { name: input.name, from: input.from, sources: input.sources });
      const from = parsePartialDate(input.from)!.date;
      const [later] = await sql<{ valid_from: string }>(em, `select valid_from::text from ecosystem_name where ecosystem_id = $1 and valid_from >= $2 limit 1`, [id, from]);
      if (later) refuse(userError(['from'], `must be after the start of its current name (${later.valid_from})`, UserErrorCode.VALIDATION));
      await sql(em, `update ecosystem_name set valid_to = $2 where ecosystem_id = $1 and (valid_to is null or valid_to >= $3)`, [id, dayBefore(from), from]);
      const [row] = await sql<{ id: string }>(em,
        `insert into ecosystem_name (ecosystem_id, position, name, valid_from) values ($1, ${nextPosition('ecosystem_name', 'ecosystem_id')}, $2, $3) returning id`,
        [id, input.name, from]);
      await cite(em, 'EcosystemName', row!.id, input.sources);
    });
  }
}
