import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldValues } from '../editing/record-fields.js';
import { sqlByKeys } from '../database/sql.js';
import { selectList } from '../database/select-list.js';
import { Figure } from './figure.entity.js';
import { FIGURE_FIELDS } from './figure.record.js';
import type { Figure as FigureType } from './figure.types.js';

/** A figure's select list: its entity's columns under their property names (`f` is the figure table's alias). */
export const figureColumns = (em: EntityManager) => selectList(em, Figure, 'f');

/** A figure's row (figureColumns); its exact decimal value comes as text. */
export type FigureRow = Omit<Figure, 'createdAt' | 'updatedAt' | 'archivedAt' | 'version' | 'value'> & { value: string };
export type FigureNode = FigureType & { uuid: string; subjectType: string; subjectId: string };

export function toFigure(r: FigureRow): FigureNode {
  const node = fieldValues(FIGURE_FIELDS, r) as Omit<FigureRow, 'value'> & { value: unknown };
  node.value = Number(r.value);
  return asNode('Figure', node) as unknown as FigureNode;
}

export const figureById = defineLoader<string, FigureNode | null>(async (ctx, ids) => {
  const rows = await sqlByKeys<FigureRow>(ctx.em, `select ${figureColumns(ctx.em)} from figure f where f.id = any($1::uuid[]) and f.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toFigure), (f) => f.uuid);
});

/** The figures about each record (any type), latest first. */
export const figuresBySubject = defineLoader<string, FigureNode[]>(async (ctx, ids) => {
  const rows = await sqlByKeys<FigureRow>(ctx.em,
    `select ${figureColumns(ctx.em)} from figure f where f.subject_id = any($1::uuid[]) and f.archived_at is null order by f.subject_id, f.as_of desc, f.metric, f.key`, [ids]);
  return groupByKey(ids, rows, (r) => r.subjectId).map((group) => group.map(toFigure));
});

const QUALIFIER_WORDS: Record<string, string> = { EXACT: '', ABOUT: 'about ', MORE_THAN: 'more than ', AT_LEAST: 'at least ', LESS_THAN: 'less than ', AT_MOST: 'at most ' };
const QUALIFIER_SYMBOLS: Record<string, string> = { EXACT: '', ABOUT: '≈ ', MORE_THAN: '> ', AT_LEAST: '≥ ', LESS_THAN: '< ', AT_MOST: '≤ ' };
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "more than 180", "about 150", "more than €500,000" (or "> €500,000" with symbols), "50 %". */
export function figureText(f: { value: number; qualifier: string; unit: string }, symbols = false): string {
  const number = NUMBER.format(f.value);
  const amount = f.unit === 'EUR' ? `€${number}` : f.unit === 'PERCENT' ? `${number} %` : number;
  return `${(symbols ? QUALIFIER_SYMBOLS : QUALIFIER_WORDS)[f.qualifier] ?? ''}${amount}`;
}
