import { createHash } from 'node:crypto';

/**
 * The id of a trusted document: `sha256:` and the lowercase hex SHA-256 of its exact UTF-8 text (no
 * normalisation). Alone in this file, with no project import, so that a build script (the widgets')
 * can import it as is: esbuild bundles it, and Node 24 runs it with its built-in type stripping.
 */
export function documentId(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
