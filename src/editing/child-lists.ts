import type { RequestContext } from '../graphql/context.js';
import { seedFileSchema } from '../seeding/seed-schema.js';
import type { ChildList } from './child-rows.js';
import { editRecord, lockRecord, recordId, type EditableKind, type Edited } from './records.js';
import { compact, References } from './references.js';
import { cite, citedSources, refuse } from './transaction.js';
import { intoReference, toSeedForm } from './typed-references.js';
import { userError, UserErrorCode } from './user-error.js';
import { checkRecord } from './validation.js';

/** Why list edits replace the whole list: said in each list input's description. */
export const LIST_DOC = 'The whole list replaces the current one, and `expectedVersion` is required: an editor states the list they mean and the version they read it at, so two editors working on the same list cannot silently drop each other\'s items (the second gets CONFLICT and re-reads), and sending the same edit twice cannot duplicate an item. Item by item add/remove would need the same version check and could still leave a list that neither editor saw.';

export interface ListEditInput {
  id: string;
  expectedVersion: number;
  sources: string[];
  [list: string]: unknown;
}

/** Only what the seed schema requires of the record, to check a list in its record without re-judging the other fields. */
function requiredFields(parent: EditableKind, seed: Record<string, unknown>): Record<string, unknown> {
  const schema = seedFileSchema.properties[parent.collection] as { items: { required: readonly string[] } };
  return Object.fromEntries(schema.items.required.filter((f) => f in seed).map((f) => [f, seed[f]]));
}

/**
 * `<record><List>Set`: replaces a whole child list of a `parent` record (the list's rows written by
 * its definition, as the seed loader writes them). Locks the parent and checks `expectedVersion`
 * (CONFLICT, nothing written, when stale), checks the new list with the seed rules inside its
 * record (errors name the list index), writes it, adds the sources to the parent's citations, bumps
 * the parent's version and writes an audit entry with the list before and after.
 */
export async function setChildList<T>(ctx: RequestContext, parent: EditableKind, list: ChildList, action: string, input: ListEditInput): Promise<Edited<T>> {
  const outcome = await editRecord(ctx, action, async (em, audit) => {
    const id = recordId(parent, input.id);
    if (!input.sources || input.sources.length === 0) refuse(userError(['sources'], 'must cite at least one source', UserErrorCode.VALIDATION));
    const current = await lockRecord(em, parent.entity, parent.typename, id, input.expectedVersion);
    const refs = new References(em);
    const items = (input[list.field] as unknown[]).map((item) => {
      const seedItem = toSeedForm(item);
      return seedItem !== null && typeof seedItem === 'object' ? compact(seedItem as Record<string, unknown>) : seedItem;
    });
    const sources = [...new Set([...input.sources, ...(await citedSources(em, id))])];
    const data = { ...requiredFields(parent, await parent.toSeed(current, refs)), [list.field]: items, sources };
    const errors = await checkRecord(em, parent.collection, data, (path) => {
      if (path[0] === 'sources' || path[0] === list.field) return intoReference(input, path);
      return null;
    });
    if (errors.length > 0) refuse(...errors);

    // The list is part of its record: one audit entry for the record, with the list before and after,
    // and a new version of the record (MikroORM bumps it when the flush writes updatedAt).
    const snapshot = async () => ({ version: current.version, [list.field]: await list.read(em, id) });
    audit.whole = { recordType: parent.typename, recordId: id, before: await snapshot(), after: snapshot };
    await list.write(refs, id, items);
    await cite(em, parent.typename, id, input.sources);
    current.updatedAt = new Date();
    await em.flush();
    // No reindex needed: these lists add no text to search (search_entry_texts reads none of them).
    return id;
  });
  const loader = ctx.loader(parent.byId);
  if (outcome.id) loader.clear(outcome.id);
  return { record: outcome.id ? ((await loader.load(outcome.id)) as T | null) : null, userErrors: outcome.userErrors };
}
