import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { COLLECTIONS, seedFileSchema, type SeedCollection } from './seed-schema.js';
import { SeedValidationError, type SeedProblem } from './seed-errors.js';

/** A record as written in a seed file, with where it came from. */
export interface SeedRecord<T = Record<string, any>> {
  file: string;
  collection: SeedCollection;
  index: number;
  data: T;
}

export type SeedSet = Record<SeedCollection, SeedRecord[]>;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validateFile = ajv.compile(seedFileSchema);

/** Reads and schema-checks every `*.yaml` below `dir`. Throws SeedValidationError listing every problem. */
export async function readSeeds(dir: string): Promise<SeedSet> {
  const files = (await listYamlFiles(dir)).sort();
  const set = Object.fromEntries(COLLECTIONS.map((c) => [c, []])) as unknown as SeedSet;
  const problems: SeedProblem[] = [];
  for (const file of files) {
    const name = path.relative(path.dirname(dir), file);
    const doc = parseDocument(await readFile(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({ file: name, record: `line ${error.linePos?.[0]?.line ?? '?'}`, field: '', message: `YAML syntax: ${error.message.split('\n')[0]}` });
      }
      continue;
    }
    const content = (doc.toJS() ?? {}) as Record<string, unknown>;
    if (!validateFile(content)) {
      problems.push(...schemaProblems(name, content, validateFile.errors ?? []));
      continue;
    }
    for (const collection of COLLECTIONS) {
      const items = (content[collection] ?? []) as Record<string, unknown>[];
      items.forEach((data, index) => set[collection].push({ file: name, collection, index, data }));
    }
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return set;
}

/**
 * The JSON Schema rules of one record of a collection (the seed files' schema, unchanged): the admin
 * mutations run it on the record an edit produces. Returns each problem's field (`labels[0].kind`) and message.
 */
export function checkSeedRecordShape(collection: SeedCollection, data: Record<string, unknown>): { field: string; message: string }[] {
  const content = { [collection]: [data] };
  if (validateFile(content)) return [];
  return schemaProblems('(input)', content, validateFile.errors ?? []).map(({ field, message }) => ({ field, message }));
}

export function describeRecord(collection: string, index: number, data: unknown): string {
  const key = data && typeof data === 'object' ? ((data as Record<string, unknown>).slug ?? (data as Record<string, unknown>).code) : undefined;
  return `${collection}[${index}]${typeof key === 'string' ? ` "${key}"` : ''}`;
}

function schemaProblems(file: string, content: Record<string, unknown>, errors: ErrorObject[]): SeedProblem[] {
  const seen = new Set<string>();
  const problems: SeedProblem[] = [];
  // A failed anyOf/oneOf also reports each of its branches: keep one message per location.
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const error of errors) {
    if (unions.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const parts = error.instancePath.split('/').slice(1);
    const [collection, index, ...rest] = parts;
    let field = rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const extra = String(error.params.additionalProperty);
      field = field ? `${field}.${extra}` : extra;
      message = collection === undefined ? `unknown collection "${extra}"` : 'unknown field';
    } else if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      field = field ? `${field}.${missing}` : missing;
      message = missing === 'sources' ? 'a record must cite at least one source' : 'is required';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
    } else if (error.keyword === 'minItems' && field.endsWith('sources')) {
      message = 'must cite at least one source';
    } else if (error.keyword === 'anyOf') {
      message = 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD';
    } else if (error.keyword === 'oneOf') {
      message = 'a locality is either a French commune (commune) or a place abroad (name and country)';
    }
    const items = collection ? (content[collection] as unknown[] | undefined) : undefined;
    const record = collection === undefined ? '(file)' : index === undefined ? collection : describeRecord(collection, Number(index), items?.[Number(index)]);
    const key = `${record}|${field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, record, field, message });
  }
  return problems;
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listYamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    }),
  );
  return nested.flat();
}
