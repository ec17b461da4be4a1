// npm run build:widgets — bundles the partner widgets (src/widgets/web, Lit custom elements) with
// esbuild into dist/widgets/:
//
//   dist/widgets/files/maillage-<hash>.js   the entry a partner's /widgets/v1/maillage.js points at
//   dist/widgets/files/chunk-<hash>.js      shared code and the map (drawing + outlines), loaded lazily
//   dist/widgets/manifest.json              { entry, documents, sizes } read by src/widgets/widgets.http.ts
//
// The GraphQL documents of src/widgets/documents are not bundled: only their trusted-document ids
// (sha256 of each file's exact text), which the server registers from the same files.
// Budgets (gzipped): the script a partner loads for card/programmes/events ≤ 50 KB; the map's lazily
// loaded code and outlines ≤ 200 KB. Over budget, the build fails.
import { build } from 'esbuild';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// The server's own definition of a trusted document's id (a dependency-free file: Node 24 strips its types).
import { documentId } from '../edge/document-id.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(ROOT, 'dist', 'widgets');
const FILES = path.join(OUT, 'files');
export const BUDGET = { main: 50 * 1024, map: 200 * 1024 };

/** Document name (file name without .graphql) → `sha256:<hex>` of the file's exact UTF-8 text. */
export async function documentIds() {
  const dir = path.join(HERE, 'documents');
  const ids = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort()) {
    const text = await readFile(path.join(dir, file), 'utf8');
    ids[file.replace(/\.graphql$/, '')] = documentId(text);
  }
  return ids;
}

export async function buildWidgets() {
  const started = Date.now();
  const ids = await documentIds();
  // Files of earlier builds stay: a page that still holds the previous moving entry (cached up to
  // 5 minutes) must find the hashed files it names after a deploy.
  await mkdir(FILES, { recursive: true });
  const result = await build({
    entryPoints: { maillage: path.join(HERE, 'web', 'index.ts') },
    outdir: FILES,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    sourcemap: false,
    metafile: true,
    target: ['chrome111', 'firefox111', 'safari16.4'],
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    legalComments: 'eof',
    logLevel: 'warning',
    tsconfig: path.join(HERE, 'web', 'tsconfig.json'),
    plugins: [{
      name: 'maillage-documents',
      setup(b) {
        b.onResolve({ filter: /^maillage:documents$/ }, () => ({ path: 'documents', namespace: 'maillage' }));
        b.onLoad({ filter: /.*/, namespace: 'maillage' }, () => ({ contents: JSON.stringify(ids), loader: 'json' }));
      },
    }],
  });
  // Sizes: what loads with the entry (its static imports) versus what only a map pulls in.
  const outputs = result.metafile.outputs;
  const name = (file) => path.basename(file);
  const entryFile = Object.keys(outputs).find((f) => outputs[f].entryPoint);
  const closure = (start, kinds) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const imp of outputs[file].imports) if (kinds.includes(imp.kind) && outputs[imp.path]) visit(imp.path);
    };
    visit(start);
    return seen;
  };
  const initial = closure(entryFile, ['import-statement']);
  const everything = closure(entryFile, ['import-statement', 'dynamic-import']);
  const lazy = [...everything].filter((f) => !initial.has(f));
  const gz = async (files) => {
    let total = 0;
    for (const f of files) total += gzipSync(await readFile(path.join(ROOT, f)), { level: 9 }).length;
    return total;
  };
  const sizes = {
    main: { files: [...initial].map(name), raw: [...initial].reduce((n, f) => n + outputs[f].bytes, 0), gzip: await gz(initial) },
    map: { files: lazy.map(name), raw: lazy.reduce((n, f) => n + outputs[f].bytes, 0), gzip: await gz(lazy) },
  };
  const manifest = { entry: name(entryFile), documents: ids, sizes, budget: BUDGET };
  await writeFile(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const over = Object.entries(BUDGET).filter(([k, limit]) => sizes[k].gzip > limit);
  return { manifest, ms: Date.now() - started, over };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWidgets().then(({ manifest, ms, over }) => {
    const { main, map } = manifest.sizes;
    console.log(`widgets built in dist/widgets/ (${ms} ms), entry ${manifest.entry}`);
    console.log(`  card/programmes/events script: ${kb(main.gzip)} gzipped (${kb(main.raw)} raw; budget ${kb(BUDGET.main)}) — ${main.files.join(', ')}`);
    console.log(`  map code + outlines (lazy):    ${kb(map.gzip)} gzipped (${kb(map.raw)} raw; budget ${kb(BUDGET.map)}) — ${map.files.join(', ')}`);
    if (over.length) {
      console.error(`over budget: ${over.map(([k]) => k).join(', ')}`);
      process.exit(1);
    }
  }, (err) => { console.error(err); process.exit(1); });
}
