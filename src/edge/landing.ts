import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What a person opening the API in a browser gets: `GET /`, or `GET /graphql` with no operation and
 * an Accept header asking for HTML. A short page linking to the playground and the docs; JSON for
 * programs that ask `/` for JSON.
 */
export const LANDING_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>maillage — the GraphQL API of the French Tech network</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style></head>
<body><h1>maillage</h1>
<p>The GraphQL API of the French Tech network is at <code>/graphql</code> (GET and POST, GraphQL over HTTP).</p>
<p><a href="/playground">Open the playground</a> to explore the schema and run queries, or see the
<a href="/playground/hierarchy">label hierarchy</a>.</p>
<p>From your own site: <code>fetch('/graphql?documentId=sha256:…&amp;variables=…')</code> with a trusted document,
or POST <code>{"query": "…"}</code>; the national map is also <a href="/map.geojson">/map.geojson</a>.</p>
</body></html>
`;

export function wantsHtml(req: IncomingMessage): boolean {
  const accept = String(req.headers.accept ?? '');
  return /\btext\/html\b/.test(accept);
}

/** True when a GET of /graphql carries no operation at all (a person typing the URL). */
export function isBareGraphqlGet(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !['query', 'documentId', 'extensions'].some((name) => url.searchParams.has(name));
}

export function serveLanding(req: IncomingMessage, res: ServerResponse): void {
  if (wantsHtml(req)) {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', LANDING_CSP);
    res.setHeader('cache-control', 'public, max-age=3600');
    res.end(req.method === 'HEAD' ? undefined : PAGE);
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({
    message: 'maillage: the GraphQL API of the French Tech network. POST or GET /graphql; explore it at /playground.',
    graphql: '/graphql', playground: '/playground', geojson: '/map.geojson',
  }));
}
