import { byKey, defineLoader, groupByKey } from '../graphql/context.js';
import { asNode } from '../graphql/global-id.js';
import { partialDate } from '../graphql/common-types.js';
import { sql } from '../database/sql.js';
import type { Figure } from './figure.types.js';

export const FIGURE_COLUMNS = `f.id, f.subject_type, f.subject_id, f.metric, f.value::text, f.qualifier, f.unit, f.as_of::text, f.as_of_precision, f.label, f.note, f.note_en`;

export interface FigureRow {
  id: string; subject_type: string; subject_id: string; metric: string; value: string; qualifier: string; unit: string;
  as_of: string; as_of_precision: string; label: string | null; note: string | null; note_en: string | null;
}
export type FigureNode = Figure & { uuid: string; subjectType: string; subjectId: string };

export function toFigure(r: FigureRow): FigureNode {
  return asNode('Figure', {
    id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, metric: r.metric, value: Number(r.value), qualifier: r.qualifier,
    unit: r.unit, asOf: partialDate(r.as_of, r.as_of_precision)!, label: r.label, note: r.note, noteEn: r.note_en,
  }) as unknown as FigureNode;
}

export const figureById = defineLoader<string, FigureNode | null>(async (ctx, ids) => {
  const rows = await sql<FigureRow>(ctx.em, `select ${FIGURE_COLUMNS} from figure f where f.id = any($1::uuid[]) and f.archived_at is null`, [ids]);
  return byKey(ids, rows.map(toFigure), (f) => f.uuid);
});

/** The figures about each record (any type), latest first. */
export const figuresBySubject = defineLoader<string, FigureNode[]>(async (ctx, ids) => {
  const rows = await sql<FigureRow>(ctx.em,
    `select ${FIGURE_COLUMNS} from figure f where f.subject_id = any($1::uuid[]) and f.archived_at is null order by f.subject_id, f.as_of desc, f.metric, f.key`, [ids]);
  return groupByKey(ids, rows, (r) => r.subject_id).map((group) => group.map(toFigure));
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
