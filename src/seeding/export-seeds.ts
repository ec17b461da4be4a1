import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { readSeeds, type SeedRecord } from './read-seeds.js';
import { localitySlugs, readSeedForms, sameValue, seedKey, type SeedForms } from './seed-forms.js';
import { COLLECTIONS, type SeedCollection } from './seed-schema.js';
import { validateSeeds } from './validate-seeds.js';
import { writeSeeds } from './write-seeds.js';

export interface ExportStats {
  /** Files written differently from the seeds they came from (relative to the output folder). */
  changedFiles: string[];
  recordsUpdated: number;
  recordsAdded: number;
  recordsRemoved: number;
}

class Rollback extends Error {}

/**
 * Writes the database back into the seed files (`npm run seed:export`), so that edits made through
 * the API can be committed as a reviewable diff. The files of `dir` are the template: a record whose
 * database form equals what its file would load keeps its text byte for byte (comments, quoting,
 * folding); a changed field is rewritten in place; records created through the API are appended to
 * the file of their collection; archived records leave the files. Output goes to `outDir` (default:
 * `dir` itself), in the same layout.
 *
 * "Equals what its file would load" is measured, not guessed: the files are written into the
 * database inside a transaction that is rolled back, and read back in seed form. So `to: 2019` in a
 * file and `2019-12-31` in the database are the same value, and a new field of the schema needs no
 * comparison rule here.
 */
export async function exportSeeds(orm: MikroORM, dir: string, outDir = dir): Promise<ExportStats> {
  const set = await readSeeds(dir);
  validateSeeds(set);
  const localities = localitySlugs(set);
  const database = await readSeedForms(orm.em.fork(), localities);
  let loaded: SeedForms | undefined;
  await orm.em.fork().transactional(async (em) => {
    await writeSeeds(em, set);
    loaded = await readSeedForms(em, localities);
    throw new Rollback();
  }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });

  const records = new Map<string, SeedRecord>();
  for (const collection of COLLECTIONS) for (const rec of set[collection]) records.set(`${rec.file}|${collection}|${rec.index}`, rec);
  const placed = Object.fromEntries(COLLECTIONS.map((c) => [c, new Set<string>()])) as Record<SeedCollection, Set<string>>;
  const stats: ExportStats = { changedFiles: [], recordsUpdated: 0, recordsAdded: 0, recordsRemoved: 0 };
  const outputs = new Map<string, { text: string; original: string }>();
  const base = path.dirname(dir);

  for (const file of (await listYamlFiles(dir)).sort()) {
    const name = path.relative(base, file);
    const text = await readFile(file, 'utf8');
    const doc = parseDocument(text);
    const patch = new TextPatch(text);
    if (isMap(doc.contents)) {
      for (const pair of doc.contents.items) {
        const collection = String((pair.key as Scalar).value) as SeedCollection;
        const seq = pair.value;
        if (!isSeq(seq)) continue;
        seq.items.forEach((item, index) => {
          const rec = records.get(`${name}|${collection}|${index}`);
          if (!rec || !isMap(item)) return;
          const key = seedKey(collection, rec.data);
          placed[collection].add(key);
          const now = database[collection].get(key);
          const was = loaded![collection].get(key);
          if (!now) { patch.removeItem(item as YAMLMap); stats.recordsRemoved++; return; }
          if (was && sameValue(was.data, now.data)) return;
          patch.map(item as YAMLMap, was?.data ?? {}, now.data);
          stats.recordsUpdated++;
        });
      }
    }
    outputs.set(name, { text: patch.apply(), original: text });
  }

  // Records created through the API: after the last record of their collection (or in a new file).
  for (const collection of COLLECTIONS) {
    const added = [...database[collection].entries()].filter(([key]) => !placed[collection].has(key));
    if (added.length === 0) continue;
    const file = set[collection].at(-1)?.file ?? path.join(path.basename(dir), `${collection}.yaml`);
    const output = outputs.get(file) ?? { text: `${collection}:\n`, original: '' };
    const doc = parseDocument(output.text);
    const seq = doc.get(collection, true) as YAMLSeq | undefined;
    const patch = new TextPatch(output.text);
    const at = seq?.range ? seq.range[1] : output.text.length;
    const column = seq?.items[0] ? columnOf(output.text, (seq.items[0] as YAMLMap).range![0]) - 2 : 2;
    let insert = output.text.slice(0, at).endsWith('\n') || at === 0 ? '' : '\n';
    for (const [, form] of added) insert += itemText(form.data, column);
    patch.splice(at, at, insert);
    outputs.set(file, { text: patch.apply(), original: output.original });
    stats.recordsAdded += added.length;
  }

  for (const [name, { text, original }] of outputs) {
    const target = path.join(outDir, path.relative(path.basename(dir), name));
    if (text !== original) stats.changedFiles.push(path.relative(outDir, target));
    if (text === original && path.resolve(outDir) === path.resolve(dir)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return stats;
}

/** Edits of a YAML text as splices of its source ranges, so that what is not edited keeps its bytes. */
class TextPatch {
  private edits: { start: number; end: number; text: string; order: number }[] = [];
  constructor(private readonly source: string) {}

  splice(start: number, end: number, text: string) {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  apply(): string {
    let text = this.source;
    for (const e of [...this.edits].sort((a, b) => b.start - a.start || b.order - a.order)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    return text;
  }

  removeItem(item: YAMLMap) {
    this.splice(lineStart(this.source, item.range![0]), lineEnd(this.source, item.range![1] - 1), '');
  }

  /** Rewrites what differs between `was` (what the node's text loads as) and `now` (the database). */
  map(node: YAMLMap, was: Record<string, unknown>, now: Record<string, unknown>) {
    const pairs = node.items as Pair<Scalar, unknown>[];
    const find = (key: string) => pairs.find((p) => p.key.value === key);
    const column = columnOf(this.source, pairs[0]!.key.range![0]);
    const keys = [...new Set([...Object.keys(now), ...Object.keys(was)])];
    for (const key of keys) {
      const before = was[key];
      const after = now[key];
      if (sameValue(before, after)) continue;
      const pair = find(key);
      if (!pair) {
        if (after === undefined) continue;
        // After the nearest preceding key the node has (the database form keeps the schema's order).
        const order = Object.keys(now);
        const previous = order.slice(0, order.indexOf(key)).reverse().map(find).find(Boolean);
        const at = previous ? this.pairEnd(previous) : lineStart(this.source, pairs[0]!.key.range![0]);
        this.splice(at, at, pairText(key, after, column));
        continue;
      }
      if (after === undefined) { this.splice(lineStart(this.source, pair.key.range![0]), this.pairEnd(pair), ''); continue; }
      const value = pair.value;
      if (isMap(value) && !value.flow && isPlain(before) && isPlain(after)) { this.map(value, before, after); continue; }
      if (isSeq(value) && !value.flow && Array.isArray(before) && Array.isArray(after) && value.items.every(isMap)
        && after.every(isPlain) && before.length === value.items.length) {
        this.list(value, before as Record<string, unknown>[], after as Record<string, unknown>[]);
        continue;
      }
      const range = (value as Scalar | YAMLSeq).range!;
      const inline = flowText(after);
      if (inline !== null && !this.source.slice(range[0], range[1]).includes('\n')) this.splice(range[0], range[1], inline);
      else this.splice(lineStart(this.source, pair.key.range![0]), this.pairEnd(pair), pairText(key, after, column));
    }
  }

  /** A block list of records: item by item, then the removed tail or the added items. */
  private list(seq: YAMLSeq, before: Record<string, unknown>[], after: Record<string, unknown>[]) {
    const items = seq.items as YAMLMap[];
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) if (!sameValue(before[i], after[i])) this.map(items[i]!, before[i]!, after[i]!);
    for (let i = common; i < items.length; i++) this.removeItem(items[i]!);
    if (after.length > common) {
      const last = items[items.length - 1]!;
      const at = lineEnd(this.source, last.range![1] - 1);
      const column = columnOf(this.source, last.range![0]) - 2;
      this.splice(at, at, after.slice(common).map((item) => itemText(item, column)).join(''));
    }
  }

  private pairEnd(pair: Pair<Scalar, unknown>): number {
    const value = pair.value as Scalar | undefined;
    return lineEnd(this.source, (value?.range ?? pair.key.range!)[1] - 1);
  }
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}
function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end + 1;
}
function columnOf(text: string, at: number): number {
  return at - lineStart(text, at);
}

/** The seeds' style: lists of scalars in flow style (`sources: [a, b]`), long texts folded (`>-`). */
function styled(value: unknown): Document {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) { if (node.items.every(isScalar)) node.flow = true; },
    Scalar(_, node) { if (typeof node.value === 'string' && node.value.length > 90) node.type = Scalar.BLOCK_FOLDED; },
  });
  return doc;
}
// No line width for the emitter (it would break flow lists over lines); folded texts are wrapped by foldLong.
const OPTIONS = { lineWidth: 0, flowCollectionPadding: false, indentSeq: true } as const;
const WIDTH = 110;

/** Wraps the long lines of folded block scalars (`>-`) at spaces, as the seed files are written. */
function foldLong(text: string): string {
  const out: string[] = [];
  let folded: number | null = null; // indentation of the folded scalar being written
  let header = false;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (header) { folded = indent; header = false; } else if (folded !== null && line.trim() !== '' && indent < folded) folded = null;
    if (/:\s*>-?$|^\s*-\s*>-?$/.test(line)) header = true;
    let rest = line;
    while (folded !== null && indent === folded && rest.length > WIDTH) {
      // The last single space before the width, between two non-spaces (a fold there reads back as that space).
      let at = -1;
      for (let i = Math.min(WIDTH, rest.length - 1); i > indent; i--) if (rest[i] === ' ' && rest[i - 1] !== ' ' && rest[i + 1] !== ' ') { at = i; break; }
      if (at < 0) break;
      out.push(rest.slice(0, at));
      rest = ' '.repeat(indent) + rest.slice(at + 1);
    }
    out.push(rest);
  }
  return out.join('\n');
}

function indentLines(text: string, first: string, rest: string): string {
  return text.replace(/\n$/, '').split('\n').map((line, i) => (line === '' ? '' : (i === 0 ? first : rest) + line)).join('\n') + '\n';
}
function pairText(key: string, value: unknown, column: number): string {
  return foldLong(indentLines(styled({ [key]: value }).toString(OPTIONS), ' '.repeat(column), ' '.repeat(column)));
}
function itemText(record: Record<string, unknown>, column: number): string {
  return foldLong(indentLines(styled(record).toString(OPTIONS), `${' '.repeat(column)}- `, ' '.repeat(column + 2)));
}
/** A value on one line (a scalar or a list of scalars), or null when it needs several. */
function flowText(value: unknown): string | null {
  if (isPlain(value) || (Array.isArray(value) && !value.every((v) => v === null || typeof v !== 'object'))) return null;
  const text = styled(value).toString(OPTIONS).replace(/\n$/, '');
  return text.includes('\n') ? null : text;
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map(async (entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listYamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  }));
  return nested.flat();
}
