import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { notModified } from '../edge/http-cache.js';

/**
 * Serving built files (the playground's bundles, the widgets' scripts, generated pages) from memory:
 * each body is read and gzipped once, tagged by a hash of its content, and answered with 304 when the
 * client holds it. The edge's compression skips a response already encoded.
 */
export interface StaticBody {
  body: Buffer;
  /** null when compressing would not pay (binary types, bodies under 1 KB). */
  gzip: Buffer | null;
  etag: string;
}

const COMPRESSIBLE = /^(text\/|application\/json|application\/javascript|image\/svg)/;

export function staticBody(body: Buffer, type: string): StaticBody {
  const compressible = COMPRESSIBLE.test(type) && body.length > 1024;
  return {
    body,
    gzip: compressible ? gzipSync(body) : null,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

const files = new Map<string, { version: string; entry: StaticBody }>();

/** A file's body, read again only when its size or modification time changes (a rebuild while running); null when absent. */
export async function staticFile(file: string, type: string): Promise<StaticBody | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const version = `${info.size}-${info.mtimeMs}`;
  const cached = files.get(file);
  if (cached?.version === version) return cached.entry;
  const entry = staticBody(await readFile(file), type);
  files.set(file, { version, entry });
  return entry;
}

/** Answers GET/HEAD with the body (gzipped when asked), or 304 when If-None-Match holds its tag. */
export function sendStatic(req: IncomingMessage, res: ServerResponse, type: string, entry: StaticBody): void {
  const gzip = entry.gzip !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.setHeader('content-type', type);
  // one tag per representation, as the edge does: "<hash>" plain, "<hash>-gzip" gzipped
  res.setHeader('etag', gzip ? `${entry.etag.slice(0, -1)}-gzip"` : entry.etag);
  res.setHeader('vary', 'accept-encoding');
  if (notModified(req, entry.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = gzip ? entry.gzip! : entry.body;
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A short plain-text answer (errors of the static routes). */
export function sendText(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(message);
}

/** 405 for anything but GET and HEAD; true when the request was answered. */
export function refuseUnlessRead(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.setHeader('allow', 'GET, HEAD');
  sendText(res, 405, 'Method not allowed');
  return true;
}
