import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { printMaillageSchema } from './schema.js';
import { printMaillageSubgraph } from '../federation/subgraph.js';

/**
 * `npm run schema:print` regenerates schema/schema.graphql (the client-facing schema) and
 * schema/subgraph.graphql (the Federation 2 subgraph SDL, `{ _service { sdl } }`) from the code.
 */
for (const [file, print] of [['schema.graphql', printMaillageSchema], ['subgraph.graphql', printMaillageSubgraph]] as const) {
  const target = path.join(PROJECT_ROOT, 'schema', file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, await print());
  process.stdout.write(`wrote ${path.relative(PROJECT_ROOT, target)}\n`);
}
