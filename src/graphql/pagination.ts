import { Directive, ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { SHAREABLE } from '../federation/directives.js';
import type { RequestContext } from './context.js';
import { sql } from '../database/sql.js';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Returns the first n items after \`after\` (1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Returns items after this cursor (an `endCursor` or edge `cursor`).' })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Returns the last n items before \`before\` (1 to ${MAX_PAGE_SIZE}).` })
  last?: number;

  @Field(() => String, { nullable: true, description: 'Returns items before this cursor.' })
  before?: string;
}

@Directive(SHAREABLE)
@ObjectType({ description: 'Where a page stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export interface Edge<T> { cursor: string; node: T }
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A getter: the count query runs only when a client selects `totalCount`. */
  readonly totalCount: Promise<number>;
}

/** `XConnection` and `XEdge` object types for a node type. */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item, for `after` / `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items (Relay cursor connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    // Not simple: its value is a promise (counted on demand), which a resolver's result may be and a
    // plain property read by compiled execution may not (src/graphql/compiled-execution.ts).
    @Field(() => Int, { simple: false, description: 'How many items the whole list holds with these filters.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** A list query: `from`/`where` with $n params, ordered by `orderBy` then id, all in one direction. */
export interface ListQuery<Row> {
  select: string;
  from: string;
  where: string[];
  params: unknown[];
  /** SQL expressions the list is sorted by (the table's id is appended as a tie-breaker). */
  orderBy: string[];
  idColumn: string;
  descending?: boolean;
  /** The sort values of a row, in `orderBy` order, to build its cursor. */
  cursorOf: (row: Row) => unknown[];
  toNode: (row: Row) => any;
}

/** Keyset pagination: stable under inserts, cost independent of the page's depth. */
export async function paginate<Row extends { id: string }>(ctx: RequestContext, query: ListQuery<Row>, args: PageArgs): Promise<ConnectionResult<any>> {
  const { first, last, after, before } = args;
  if (first !== undefined && first !== null && (first < 1 || first > MAX_PAGE_SIZE)) throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`);
  if (last !== undefined && last !== null && (last < 1 || last > MAX_PAGE_SIZE)) throw badInput('last', `must be between 1 and ${MAX_PAGE_SIZE} (got ${last})`);
  if (first != null && last != null) throw badInput('last', 'cannot be combined with first');
  const backwards = last != null;
  const size = (backwards ? last : first) ?? DEFAULT_PAGE_SIZE;

  const params = [...query.params];
  const where = [...query.where];
  const keys = [...query.orderBy, query.idColumn];
  const keyTuple = `(${keys.join(', ')})`;
  const cursorCondition = (cursor: string, argument: string, direction: 'after' | 'before') => {
    const values = decodeCursor(cursor, argument, keys.length);
    const placeholders = values.map((v) => { params.push(v); return `$${params.length}`; });
    const greater = (direction === 'after') !== Boolean(query.descending);
    return `${keyTuple} ${greater ? '>' : '<'} (${placeholders.join(', ')})`;
  };
  if (after) where.push(cursorCondition(after, 'after', 'after'));
  if (before) where.push(cursorCondition(before, 'before', 'before'));

  const ascending = backwards === Boolean(query.descending);
  const order = keys.map((k) => `${k} ${ascending ? 'asc' : 'desc'}`).join(', ');
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  params.push(size + 1);
  const rows = await sql<Row>(ctx.em, `select ${query.select} from ${query.from} ${whereSql} order by ${order} limit $${params.length}`, params);
  const hasMore = rows.length > size;
  const page = rows.slice(0, size);
  if (backwards) page.reverse();

  const edges = page.map((row) => ({ cursor: encodeCursor([...query.cursorOf(row), row.id]), node: query.toNode(row) }));
  const countWhere = query.where.length ? `where ${query.where.join(' and ')}` : '';
  const connection = {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: backwards ? Boolean(before) : hasMore,
      hasPreviousPage: backwards ? hasMore : Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
  return Object.defineProperty(connection, 'totalCount', {
    enumerable: true,
    get: async () => {
      const [row] = await sql<{ count: number }>(ctx.em, `select count(*)::int as count from ${query.from} ${countWhere}`, query.params);
      return row!.count;
    },
  }) as ConnectionResult<any>;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, argument: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch { /* reported below */ }
  throw badInput(argument, `"${cursor}" is not a cursor of this list (use a cursor returned by the same field)`);
}
