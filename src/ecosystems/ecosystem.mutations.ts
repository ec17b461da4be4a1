import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { type AuditContext } from '../audit/audit-subscriber.js';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { DATE_DOC, SOURCES_DOC } from '../editing/inputs.js';
import { payloadType, userError, UserErrorCode } from '../editing/user-error.js';
import { editRecord, lockRecord, recordId } from '../editing/records.js';
import { compact, References } from '../editing/references.js';
import { cite, dayBefore, refuse } from '../editing/transaction.js';
import { checkRecord, under, type FieldMapper } from '../editing/validation.js';
import { parsePartialDate } from '../shared/partial-date.js';
import { Ecosystem, Label, LabelKind } from './ecosystem.types.js';
import { storedCampaignPeriod } from './campaign.record.js';
import { attachmentRecord, labelRecord, nameRecord } from './ecosystem.record.js';
import { ecosystemById, labelById } from './ecosystem.loaders.js';
import { Attachment } from './attachment.entity.js';
import { Ecosystem as EcosystemEntity, EcosystemName } from './ecosystem.entity.js';
import { Label as LabelEntity } from './label.entity.js';

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
 * Runs a change of the hierarchy of one ecosystem (admins) on the write mechanism: the ecosystem locked
 * (and its version checked when given), the change on its parts' entities, its version bumped by the
 * flush, and one audit entry with the hierarchy before and after.
 */
async function changeHierarchy(ctx: RequestContext, action: string, ecosystemGlobalId: string, expectedVersion: number | null | undefined,
  change: (em: EntityManager, ecosystem: EcosystemEntity, audit: AuditContext) => Promise<void>) {
  const outcome = await editRecord(ctx, action, async (em, audit) => {
    const id = recordId(ECOSYSTEM, ecosystemGlobalId);
    let ecosystem: EcosystemEntity | null;
    if (expectedVersion === undefined || expectedVersion === null) {
      ecosystem = await em.findOne(EcosystemEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!ecosystem) refuse(userError(['ecosystemId'], 'no Ecosystem with this ID', UserErrorCode.NOT_FOUND));
    } else {
      ecosystem = await lockRecord(em, EcosystemEntity, 'Ecosystem', id, expectedVersion);
    }
    await auditHierarchy(em, audit, id);
    await change(em, ecosystem, audit);
    bumpHierarchy(ecosystem);
    await em.flush();
    return id;
  }, 'admin');
  const loader = ctx.loader(ecosystemById);
  if (outcome.id) loader.clear(outcome.id);
  return { ecosystem: outcome.id ? await loader.load(outcome.id) : null, userErrors: outcome.userErrors };
}

/** The hierarchy is audited as one change of the ecosystem (names, labels, attachments before and after). */
async function auditHierarchy(em: EntityManager, audit: AuditContext, id: string): Promise<void> {
  audit.whole = { recordType: 'Ecosystem', recordId: id, before: await hierarchySnapshot(em, id), after: () => hierarchySnapshot(em, id) };
}

/** The hierarchy is part of the ecosystem: a change of it is a new version of the ecosystem (MikroORM bumps it on flush). */
function bumpHierarchy(ecosystem: EcosystemEntity): void {
  ecosystem.updatedAt = new Date();
}

/** The next `position` among an ecosystem's parts. */
async function nextPosition(em: EntityManager, table: 'label' | 'attachment' | 'ecosystem_name', column: string, id: string): Promise<number> {
  const [row] = await sql<{ position: number }>(em, `select coalesce(max(position) + 1, 0)::int as position from ${table} where ${column} = $1`, [id]);
  return row!.position;
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
  @Field(() => Boolean, { nullable: true, description: 'Whether the sources confirm that the label ended on `validTo` (false when left out): past its end, a confirmed label is EXPIRED, an unconfirmed one UNCONFIRMED.' }) endConfirmed?: boolean;
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

@Resolver()
export class HierarchyMutations {
  @Mutation(() => LabelPayload, { description: 'Grants a label (admins): kind, campaign, dates, granted by.' })
  async labelGrant(@Arg('input', () => LabelGrantInput, { description: 'The label.' }) input: LabelGrantInput, @Ctx() ctx: RequestContext) {
    let labelId: string | null = null;
    const result = await changeHierarchy(ctx, 'labelGrant', input.ecosystemId, input.expectedVersion, async (em, ecosystem) => {
      const { ecosystemId: _e, expectedVersion: _v, ...label } = input;
      await checkPart(em, ecosystem.slug, 'labels', { ...label });
      const created = em.create(LabelEntity, {
        ecosystemId: ecosystem.id, position: await nextPosition(em, 'label', 'ecosystem_id', ecosystem.id),
        ...(await labelRecord.toData(compact(label), new References(em), storedCampaignPeriod(em))),
      }, { partial: true });
      labelId = created.id;
      await cite(em, 'Label', created.id, input.sources);
    });
    const loader = ctx.loader(labelById);
    return { label: result.userErrors.length === 0 && labelId ? await loader.load(labelId) : null, userErrors: result.userErrors };
  }

  @Mutation(() => LabelPayload, { description: 'Withdraws a label (admins).' })
  async labelWithdraw(@Arg('input', () => LabelWithdrawInput, { description: 'The label and the date.' }) input: LabelWithdrawInput, @Ctx() ctx: RequestContext) {
    const outcome = await editRecord(ctx, 'labelWithdraw', async (em, audit) => {
      const id = recordId({ typename: 'Label' }, input.id);
      const label = await lockRecord(em, LabelEntity, 'Label', id, input.expectedVersion);
      const ecosystem = await em.findOneOrFail(EcosystemEntity, { id: label.ecosystemId });
      const until = input.from === undefined || input.from === null ? undefined : parsePartialDate(input.from) ? dayBefore(parsePartialDate(input.from)!.date) : input.from;
      await checkPart(em, ecosystem.slug, 'labels', { kind: label.kind, validFrom: label.validFrom, validTo: until, status: 'WITHDRAWN', sources: input.sources },
        (path) => (path[2] === 'validTo' ? ['from'] : under('labels', '0')(path)));
      await auditHierarchy(em, audit, ecosystem.id);
      label.status = 'WITHDRAWN';
      if (until) Object.assign(label, { validTo: until, validToPrecision: 'DAY' });
      bumpHierarchy(ecosystem);
      await cite(em, 'Label', id, input.sources);
      await em.flush();
      return id;
    }, 'admin');
    const loader = ctx.loader(labelById);
    if (outcome.id) loader.clear(outcome.id);
    return { label: outcome.id ? await loader.load(outcome.id) : null, userErrors: outcome.userErrors };
  }

  @Mutation(() => EcosystemPayload, { description: 'Attaches an ecosystem to a parent from a date (admins).' })
  ecosystemAttach(@Arg('input', () => EcosystemAttachInput, { description: 'The ecosystem, its parent and the date.' }) input: EcosystemAttachInput, @Ctx() ctx: RequestContext) {
    return changeHierarchy(ctx, 'ecosystemAttach', input.id, input.expectedVersion, async (em, ecosystem) => {
      const attachment = { parent: input.parent, from: input.from, note: input.note, noteEn: input.noteEn, sources: input.sources };
      await checkPart(em, ecosystem.slug, 'attachments', attachment);
      const from = parsePartialDate(input.from)!.date;
      const overlap = await em.findOne(Attachment, { childId: ecosystem.id, validFrom: { $gte: from } });
      if (overlap) refuse(userError(['from'], `must be after the start of its latest attachment (${overlap.validFrom})`, UserErrorCode.VALIDATION));
      for (const current of await em.find(Attachment, { childId: ecosystem.id, $or: [{ validTo: null }, { validTo: { $gte: from } }] })) current.validTo = dayBefore(from);
      const created = em.create(Attachment, {
        childId: ecosystem.id, position: await nextPosition(em, 'attachment', 'child_id', ecosystem.id),
        ...(await attachmentRecord.toData(attachment, new References(em))),
      }, { partial: true });
      await cite(em, 'Attachment', created.id, input.sources);
    });
  }

  @Mutation(() => EcosystemPayload, { description: 'Detaches an ecosystem from its parent from a date (admins).' })
  ecosystemDetach(@Arg('input', () => EcosystemDetachInput, { description: 'The ecosystem and the date.' }) input: EcosystemDetachInput, @Ctx() ctx: RequestContext) {
    return changeHierarchy(ctx, 'ecosystemDetach', input.id, input.expectedVersion, async (em, ecosystem) => {
      const id = ecosystem.id;
      const from = parsePartialDate(input.from);
      const [link] = from ? await sql<{ id: string; parent: string; valid_from: string }>(em,
        `select a.id, p.slug as parent, a.valid_from::text from attachment a join ecosystem p on p.id = a.parent_id
         where a.child_id = $1 and a.valid_from <= $2 and (a.valid_to is null or a.valid_to >= $2) order by a.valid_from desc limit 1`, [id, from.date]) : [];
      // Any other ecosystem stands in for the parent when none is attached: the rules then check the dates and sources.
      const parent = link?.parent ?? (await sql<{ slug: string }>(em, `select slug from ecosystem where id <> $1 order by slug limit 1`, [id]))[0]?.slug;
      await checkPart(em, ecosystem.slug, 'attachments', { parent, from: link?.valid_from ?? input.from, to: from ? dayBefore(from.date) : input.from, sources: input.sources },
        (path) => (path[2] === 'to' || path[2] === 'from' ? ['from'] : null));
      if (!link) refuse(userError(['from'], `is not attached to a parent on ${input.from}`, UserErrorCode.VALIDATION));
      (await em.findOneOrFail(Attachment, { id: link.id })).validTo = dayBefore(from!.date);
      await cite(em, 'Attachment', link.id, input.sources);
    });
  }

  @Mutation(() => EcosystemPayload, { description: 'Renames an ecosystem from a date (admins); the old name stays in `names`.' })
  ecosystemRename(@Arg('input', () => EcosystemRenameInput, { description: 'The ecosystem, its new name and the date.' }) input: EcosystemRenameInput, @Ctx() ctx: RequestContext) {
    return changeHierarchy(ctx, 'ecosystemRename', input.id, input.expectedVersion, async (em, ecosystem) => {
      const name = { name: input.name, from: input.from, sources: input.sources };
      await checkPart(em, ecosystem.slug, 'names', name);
      const from = parsePartialDate(input.from)!.date;
      const later = await em.findOne(EcosystemName, { ecosystemId: ecosystem.id, validFrom: { $gte: from } });
      if (later) refuse(userError(['from'], `must be after the start of its current name (${later.validFrom})`, UserErrorCode.VALIDATION));
      for (const current of await em.find(EcosystemName, { ecosystemId: ecosystem.id, $or: [{ validTo: null }, { validTo: { $gte: from } }] })) current.validTo = dayBefore(from);
      const created = em.create(EcosystemName, {
        ecosystemId: ecosystem.id, position: await nextPosition(em, 'ecosystem_name', 'ecosystem_id', ecosystem.id), ...nameRecord.toData(name),
      }, { partial: true });
      await cite(em, 'EcosystemName', created.id, input.sources);
    });
  }
}
