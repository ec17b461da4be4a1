import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Role } from '../auth/viewer.js';
import { sql } from '../database/sql.js';
import type { RequestContext } from '../graphql/context.js';
import { writeCitations } from '../sources/citations.js';
import { userError, UserErrorCode, type UserError } from './user-error.js';

/** Thrown inside a mutation's transaction to roll it back and answer with user errors. */
export class Refused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

export interface Outcome {
  /** uuid of the record the payload returns (null when refused). */
  id: string | null;
  userErrors: UserError[];
}

/**
 * One mutation = one transaction: checks the role first (UNAUTHENTICATED / FORBIDDEN, nothing
 * written), then runs `work` in the request EntityManager's transaction (through `editRecord` in
 * records.ts, which audits its flushes); throwing Refused rolls everything back.
 */
export async function mutate(ctx: RequestContext, minimum: Role, work: (em: EntityManager) => Promise<string>): Promise<Outcome> {
  requireRole(ctx, minimum);
  try {
    const id = await ctx.em.transactional((em) => work(em as EntityManager));
    return { id, userErrors: [] };
  } catch (error) {
    if (error instanceof Refused) return { id: null, userErrors: error.userErrors };
    const pg = error as { code?: string; constraint?: string; detail?: string };
    if (pg.code === '23505') {
      // A unique key already taken (or taken by a concurrent transaction between our check and our
      // insert): named by the input fields it comes from, never with PostgreSQL's text.
      const [field, message] = duplicateOf(pg.constraint);
      return { id: null, userErrors: [userError(field, message, UserErrorCode.VALIDATION)] };
    }
    throw error;
  }
}

/** The input fields behind a unique constraint, and what to tell the client. */
function duplicateOf(constraint: string | undefined): [string[], string] {
  if (constraint?.endsWith('_slug_key')) return [['slug'], 'already used by another record'];
  if (constraint === 'figure_key_key') {
    return [['subject'], 'a figure of this subject with the same metric, date and first source already exists: correct it with figureUpdate'];
  }
  if (constraint === 'partnership_key_key') return [['partner'], 'this partnership already exists'];
  return [[], 'duplicates a record that already exists'];
}

export function refuse(...errors: UserError[]): never {
  throw new Refused(errors);
}

/** Cites sources (by slug) for a record, after the ones it already cites; idempotent. */
export async function cite(em: EntityManager, subjectType: string, subjectId: string, sourceSlugs: string[]): Promise<void> {
  if (sourceSlugs.length === 0) return;
  await writeCitations(em, subjectType, [{ id: subjectId, sources: [...(await citedSources(em, subjectId)), ...sourceSlugs] }]);
}

/** Slugs of the sources a record cites, in order. */
export async function citedSources(em: EntityManager, subjectId: string): Promise<string[]> {
  const rows = await sql<{ slug: string }>(em,
    `select s.slug from citation c join source s on s.id = c.source_id where c.subject_id = $1 order by c.position, s.slug`, [subjectId]);
  return rows.map((r) => r.slug);
}

/** The day before a date (`YYYY-MM-DD`): a period that a change starts on `from` ends the day before. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
