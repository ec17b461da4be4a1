import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/project-root.js';
import { printMaillageSchema } from './schema.js';

/** `npm run schema:print` regenerates schema/schema.graphql from the code. */
const target = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, await printMaillageSchema());
process.stdout.write(`wrote ${path.relative(PROJECT_ROOT, target)}\n`);
