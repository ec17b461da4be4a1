import { GraphQLError } from 'graphql';

/**
 * Relay global object identifiers: opaque, base64url of `Type:uuid`. Clients must not parse them;
 * `node(id:)` accepts any of them.
 */
export function toGlobalId(typename: string, uuid: string): string {
  return Buffer.from(`${typename}:${uuid}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DecodedId {
  typename: string;
  uuid: string;
}

/** Decodes a global ID; a string that cannot be one is a client error naming the argument. */
export function fromGlobalId(id: string, argument = 'id'): DecodedId {
  const decoded = /^[A-Za-z0-9_-]+$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const at = decoded.indexOf(':');
  const typename = decoded.slice(0, at);
  const uuid = decoded.slice(at + 1);
  if (at <= 0 || !/^[A-Z][A-Za-z]+$/.test(typename) || !UUID.test(uuid)) {
    throw new GraphQLError(`Argument "${argument}": "${id}" is not a maillage ID (IDs are opaque strings returned by this API).`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: argument },
    });
  }
  return { typename, uuid };
}

/**
 * A row from the database becomes a GraphQL object: its uuid stays available, `id` becomes global.
 * The object given becomes the node (every caller builds a fresh one from its row): copying it again
 * cost an object per node on lists of thousands.
 */
export function asNode<Row extends { id: string }>(typename: string, row: Row): Row & { __typename: string; uuid: string } {
  const node = row as Row & { __typename: string; uuid: string };
  node.uuid = row.id;
  node.id = toGlobalId(typename, row.id);
  node.__typename = typename;
  return node;
}
