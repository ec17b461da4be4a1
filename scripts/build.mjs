// npm run build — builds what `npm start` and the commands run, each part only when its inputs changed.
//
//   node scripts/build.mjs                  every part that is stale
//   node scripts/build.mjs server           only the named parts (npm start: server playground)
//   node scripts/build.mjs --force          every part, stale or not
//   node scripts/build.mjs --if-possible    (npm's `prepare`) skip quietly where the dev tools are not installed
//
// A part is stale when the signature of its inputs (path, size and mtime of every file) differs from the
// one recorded at its last successful build, or when one of its outputs is missing. Checking all parts
// takes ~20 ms; tsc itself runs incrementally (dist/.build/server.tsbuildinfo).
//
// To add a part, add one entry to PARTS: its inputs, outputs and the command that builds it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = path.join(ROOT, 'dist', '.build');

const PARTS = [
  {
    name: 'server',
    what: 'TypeScript → dist/ (tsc)',
    inputs: ['src', 'test/partner-job-board', 'test/bench', 'test/support/databases.ts', 'test/support/statement-counter.ts', 'mikro-orm.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    exclude: ['src/playground/web', 'src/widgets/web'],
    outputs: ['dist/src/main.js'],
    tool: 'node_modules/typescript/bin/tsc',
    command: [process.execPath, 'node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  },
  {
    name: 'playground',
    what: 'GraphiQL playground → dist/playground/ (esbuild)',
    inputs: ['src/playground/web', 'schema/operations', 'package-lock.json'],
    exclude: [],
    outputs: ['dist/playground/index.html'],
    tool: 'node_modules/esbuild/package.json',
    command: [process.execPath, 'src/playground/web/build.mjs'],
  },
  {
    name: 'widgets',
    what: 'partner widgets → dist/widgets/ (esbuild, size budget)',
    inputs: ['src/widgets/web', 'src/widgets/documents', 'src/widgets/geo', 'src/widgets/build.mjs', 'src/edge/document-id.ts', 'package-lock.json'],
    exclude: [],
    outputs: ['dist/widgets/manifest.json'],
    tool: 'node_modules/esbuild/package.json',
    command: [process.execPath, 'src/widgets/build.mjs'],
  },
];

const args = process.argv.slice(2);
const force = args.includes('--force');
const ifPossible = args.includes('--if-possible');
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !PARTS.some((p) => p.name === n));
if (unknown.length) {
  console.error(`build: unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.map((p) => p.name).join(', ')}`);
  process.exit(2);
}

function files(dir, exclude, out) {
  const full = path.join(ROOT, dir);
  if (exclude.includes(dir)) return;
  let info;
  try { info = statSync(full); } catch { return; }
  // npm rewrites package-lock.json (new mtime, same content) on every install: its content counts.
  if (dir === 'package-lock.json') { out.push(`${dir}\0${createHash('sha256').update(readFileSync(full)).digest('hex')}`); return; }
  if (!info.isDirectory()) { out.push(`${dir}\0${info.size}\0${info.mtimeMs}`); return; }
  for (const entry of readdirSync(full).sort()) files(path.posix.join(dir, entry), exclude, out);
}

function signature(part) {
  const out = [];
  for (const input of part.inputs) files(input, part.exclude, out);
  return createHash('sha256').update(out.join('\n')).update(part.command.slice(1).join(' ')).digest('hex');
}

for (const part of PARTS.filter((p) => named.length === 0 || named.includes(p.name))) {
  const stamp = path.join(STAMPS, `${part.name}.json`);
  const sig = signature(part);
  const previous = existsSync(stamp) ? JSON.parse(readFileSync(stamp, 'utf8')).signature : undefined;
  const complete = part.outputs.every((o) => existsSync(path.join(ROOT, o)));
  if (!force && previous === sig && complete) continue;
  if (!existsSync(path.join(ROOT, part.tool))) {
    if (ifPossible) { console.error(`build: ${part.name} skipped (dev dependencies not installed)`); continue; }
    console.error(`build: ${part.name} needs the dev dependencies: run npm install`);
    process.exit(1);
  }
  const started = Date.now();
  console.error(`build: ${part.what}…`);
  const result = spawnSync(part.command[0], part.command.slice(1), { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${part.name} failed`);
    process.exit(result.status ?? 1);
  }
  mkdirSync(STAMPS, { recursive: true });
  // The signature of the inputs as they were when the build began: an edit during the build makes the next run build again.
  writeFileSync(stamp, JSON.stringify({ signature: sig, builtAt: new Date().toISOString() }));
  console.error(`build: ${part.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
