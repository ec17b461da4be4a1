import type { TrustedDocuments } from './trusted-documents.js';

/** A request refused before Apollo sees it: HTTP status and one GraphQL error. */
export interface EdgeRefusal {
  status: number;
  message: string;
  code: string;
}

/** Ids are echoed in errors only up to this length: a client never gets its whole input back. */
const ECHO = 80;
export const echo = (value: string) => (value.length > ECHO ? `${value.slice(0, ECHO)}…` : value);

/**
 * Replaces a trusted document id by the document's text, so that Apollo runs it as an ordinary
 * request: `GET /graphql?documentId=sha256:…&variables=…` or `{"documentId": "sha256:…"}` in a POST
 * body. An unknown id, or a `query` that is not the id's text, is refused with HTTP 400.
 */
export function resolveTrustedDocument(
  trusted: TrustedDocuments, method: string, search: string, body: unknown,
): { search: string; body: unknown; documentId?: string } | EdgeRefusal {
  if (method === 'GET') {
    const params = new URLSearchParams(search);
    const ids = params.getAll('documentId');
    if (ids.length === 0) return { search, body };
    if (ids.length > 1) return { status: 400, code: 'BAD_REQUEST', message: 'The documentId search parameter may only be specified once.' };
    const found = lookup(trusted, ids[0]!, params.get('query'));
    if ('status' in found) return found;
    params.delete('documentId');
    params.set('query', found.text);
    return { search: `?${params}`, body, documentId: found.id };
  }
  if (method === 'POST' && body && typeof body === 'object' && !Array.isArray(body) && 'documentId' in body) {
    const { documentId: id, ...rest } = body as Record<string, unknown>;
    if (typeof id !== 'string') return { status: 400, code: 'BAD_REQUEST', message: '`documentId` in a POST body must be a string.' };
    const found = lookup(trusted, id, typeof rest.query === 'string' ? rest.query : null);
    if ('status' in found) return found;
    return { search, body: { ...rest, query: found.text }, documentId: found.id };
  }
  return { search, body };
}

function lookup(trusted: TrustedDocuments, id: string, query: string | null): { id: string; text: string } | EdgeRefusal {
  const document = trusted.get(id);
  if (!document) {
    const shape = /^sha256:[0-9a-f]{64}$/.test(id) ? '' : ' (a trusted document id reads sha256:<64 lowercase hex digits>)';
    return { status: 400, code: 'PERSISTED_QUERY_NOT_FOUND', message: `Unknown trusted document "${echo(id)}"${shape}.` };
  }
  if (query !== null && query !== document.text) {
    return { status: 400, code: 'BAD_USER_INPUT', message: `Argument "query": does not match the trusted document "${echo(id)}" (send the id alone).` };
  }
  return document;
}
