// npm run build:playground — bundles the playground (GraphiQL 5 and the hierarchy page) into
// dist/playground/ with esbuild: no CDN at run time, everything is served by maillage itself.
//
//   dist/playground/index.html, hierarchy.html       the two pages (copied from playground/)
//   dist/playground/assets/graphiql.js|css, hierarchy.js|css and their chunks (ES modules)
//   dist/playground/assets/*.worker.js               Monaco's web workers (editor, JSON, GraphQL), same origin
//
// The example operations of schema/operations are compiled into the GraphiQL bundle (a virtual
// module), so the playground opens with one tab per operation.
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rm, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(SRC, '..', '..', '..');
const OUT = path.join(ROOT, 'dist', 'playground');
const ASSETS = path.join(OUT, 'assets');

/** `import operations from 'maillage:operations'`: [{ name, query, variables }] from schema/operations. */
const operationsPlugin = {
  name: 'maillage-operations',
  setup(b) {
    b.onResolve({ filter: /^maillage:operations$/ }, () => ({ path: 'operations', namespace: 'maillage' }));
    b.onLoad({ filter: /.*/, namespace: 'maillage' }, async () => {
      const dir = path.join(ROOT, 'schema', 'operations');
      const files = (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort();
      const operations = [];
      for (const file of files) {
        const name = file.replace(/\.graphql$/, '');
        const query = await readFile(path.join(dir, file), 'utf8');
        const variables = await readFile(path.join(dir, `${name}.variables.json`), 'utf8').catch(() => undefined);
        operations.push({ name, query, variables: variables?.trim() });
      }
      return { contents: JSON.stringify(operations), loader: 'json', watchFiles: files.map((f) => path.join(dir, f)) };
    });
  },
};

/**
 * graphiql/style.css already holds Monaco's CSS (and its codicon font as a data: URL); the CSS files
 * that Monaco's ESM modules import themselves would only duplicate it.
 */
const skipMonacoCss = {
  name: 'skip-monaco-css',
  setup(b) {
    b.onResolve({ filter: /\.css$/ }, (args) =>
      args.importer.includes(`${path.sep}monaco-editor${path.sep}`) ? { path: args.path, namespace: 'empty-css' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'empty-css' }, () => ({ contents: '', loader: 'css' }));
  },
};

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['chrome120', 'firefox120', 'safari17'],
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

export async function buildPlayground() {
  const started = Date.now();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(ASSETS, { recursive: true });
  await Promise.all([
    // The pages: ES modules with shared chunks (GraphiQL loads Monaco and Prettier lazily).
    build({
      ...common,
      entryPoints: { graphiql: path.join(SRC, 'graphiql.tsx'), hierarchy: path.join(SRC, 'hierarchy.ts') },
      outdir: ASSETS,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      assetNames: '[name]-[hash]',
      jsx: 'automatic',
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
      plugins: [operationsPlugin, skipMonacoCss],
    }),
    // Monaco's workers, as classic scripts loaded from the same origin (CSP worker-src 'self').
    build({
      ...common,
      entryPoints: {
        'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
        'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
        'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
      },
      outdir: ASSETS,
      format: 'iife',
      plugins: [skipMonacoCss],
    }),
  ]);
  for (const page of ['index.html', 'hierarchy.html']) await copyFile(path.join(SRC, page), path.join(OUT, page));
  return { outdir: OUT, ms: Date.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildPlayground().then(
    ({ outdir, ms }) => console.log(`playground built in ${path.relative(ROOT, outdir)}/ (${ms} ms)`),
    (err) => { console.error(err); process.exit(1); },
  );
}
