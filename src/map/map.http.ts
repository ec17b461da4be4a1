import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { nationalMap, toGeoJson, type MapFilterInput } from './map.service.js';
import { sendRepresentation } from '../edge/http-cache.js';
import { PUBLIC_MAX_AGE } from '../federation/directives.js';

/**
 * GET /map.geojson?asOf=YYYY-MM-DD[&regionCode=44][&kinds=CAPITAL,COMMUNITY][&inFrance=true][&hubs=false]:
 * the `geoJson` of `nationalMap`, as application/geo+json, from the same service function. Public and
 * cacheable (Cache-Control, strong ETag, 304 on If-None-Match; compressed by the server).
 */
export async function mapGeoJson(req: IncomingMessage, res: ServerResponse, url: URL, em: EntityManager, today: string): Promise<void> {
  const params = url.searchParams;
  const asOf = params.get('asOf') ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf) {
    return fail(res, 'asOf', `"${asOf}" is not a date (YYYY-MM-DD)`);
  }
  const bool = (name: string) => (params.has(name) ? params.get(name) === 'true' : null);
  const filter: MapFilterInput = {
    regionCode: params.get('regionCode'), inFrance: bool('inFrance'), hubs: bool('hubs'),
    kinds: params.get('kinds')?.split(',').filter(Boolean) ?? null,
  };
  try {
    const body = JSON.stringify(toGeoJson(await nationalMap(em, asOf, filter)));
    res.setHeader('content-type', 'application/geo+json; charset=utf-8');
    sendRepresentation(req, res, 200, body, { kind: 'public', maxAge: PUBLIC_MAX_AGE });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return fail(res, String(error.extensions.argumentName), error.message);
    throw error;
  }
}

function fail(res: ServerResponse, parameter: string, message: string) {
  res.statusCode = 400;
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ error: message.startsWith('Argument') ? message.replace(/^Argument "filter\./, 'Parameter "') : `Parameter "${parameter}": ${message}`, code: 'BAD_USER_INPUT' }));
}
