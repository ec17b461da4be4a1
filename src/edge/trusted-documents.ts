import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { documentId } from './document-id.js';

/**
 * Trusted documents: the operations that partners and the widgets call by id instead of by text.
 *
 * A trusted document is one `.graphql` file of `schema/operations/` or of `src/widgets/documents/`
 * (recursively; that folder exists once the widgets do). Its id is `sha256:` followed by the lowercase
 * hex SHA-256 of the file's exact UTF-8 text: no normalisation, so any tool can compute it
 * (`sha256sum file.graphql`) and the widget build reuses `documentId` below.
 *
 * Called as `GET /graphql?documentId=sha256:<hex>&variables=<JSON>` (a simple request: no preflight)
 * or with `documentId` in a POST body. The same hex is also Apollo's APQ hash of that text, so an
 * `extensions.persistedQuery.sha256Hash` of a trusted document works without registering it first.
 */
export const TRUSTED_DOCUMENT_FOLDERS = ['schema/operations', 'src/widgets/documents'];

export { documentId };

export interface TrustedDocument {
  id: string;
  /** Path relative to the project root, for logs and the README. */
  file: string;
  text: string;
}

export class TrustedDocuments {
  private readonly byId = new Map<string, TrustedDocument>();

  constructor(documents: Iterable<TrustedDocument>) {
    for (const document of documents) this.byId.set(document.id, document);
  }

  /** The document with this id (`sha256:<hex>`), or undefined. */
  get(id: string): TrustedDocument | undefined {
    return this.byId.get(id);
  }

  /** The document whose text hashes to this hex digest (Apollo's APQ hash), or undefined. */
  byHash(hex: string): TrustedDocument | undefined {
    return this.byId.get(`sha256:${hex}`);
  }

  list(): TrustedDocument[] {
    return [...this.byId.values()];
  }

  /** `{ id: file }`, the manifest a build or a partner can publish. */
  manifest(): Record<string, string> {
    return Object.fromEntries(this.list().map((d) => [d.id, d.file]));
  }
}

/** Reads every trusted document under the project root (a few files: done once at start). */
export function loadTrustedDocuments(root = PROJECT_ROOT, folders = TRUSTED_DOCUMENT_FOLDERS): TrustedDocuments {
  const documents: TrustedDocument[] = [];
  for (const folder of folders) {
    const dir = path.join(root, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.graphql')) continue;
      const full = path.join(entry.parentPath, entry.name);
      const text = readFileSync(full, 'utf8');
      documents.push({ id: documentId(text), file: path.relative(root, full).split(path.sep).join('/'), text });
    }
  }
  return new TrustedDocuments(documents);
}

/**
 * Apollo's APQ store with the trusted documents always in it: a lookup by a trusted document's hash
 * answers its text, anything else goes to the bounded in-memory store of registered queries.
 */
export function persistedQueryCache(trusted: TrustedDocuments, registered: KeyValueCache<string>): KeyValueCache<string> {
  return {
    async get(key) {
      const hash = key.slice(key.lastIndexOf(':') + 1);
      return trusted.byHash(hash)?.text ?? registered.get(key);
    },
    set: (key, value, options) => registered.set(key, value, options),
    delete: (key) => registered.delete(key),
  };
}

let loaded: TrustedDocuments | undefined;
/** The project's trusted documents, read once per process. */
export function trustedDocuments(): TrustedDocuments {
  return (loaded ??= loadTrustedDocuments());
}
