import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, isObjectType, isInterfaceType, isInputObjectType, type GraphQLSchema } from 'graphql';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { startTestApi, type TestApi } from './support/app.js';
import { clientFacingSchema } from '../src/federation/subgraph.js';

let api: TestApi;
let served: GraphQLSchema;
beforeAll(async () => {
  api = await startTestApi();
  const { body } = await api.graphql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, oneOf: true }));
  // The served schema is a Federation 2 subgraph; clients see it without the federation machinery
  // (`_entities`, `_service`, `_Any`, `@key`…), which schema/subgraph.graphql holds.
  served = clientFacingSchema(buildClientSchema(body.data));
});
afterAll(async () => { await api?.stop(); });

test('the served schema is the committed schema/schema.graphql (regenerate with npm run schema:print)', async () => {
  const committed = await readFile(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8');
  expect(printSchema(lexicographicSortSchema(served)) + '\n').toBe(committed);
});

test('the served subgraph SDL is the committed schema/subgraph.graphql (regenerate with npm run schema:print)', async () => {
  const committed = await readFile(path.join(PROJECT_ROOT, 'schema', 'subgraph.graphql'), 'utf8');
  const { body } = await api.graphql('{ _service { sdl } }');
  expect(body.errors).toBeUndefined();
  expect(body.data._service.sdl + '\n').toBe(committed);
});

test('every type, field and argument is described', () => {
  const missing: string[] = [];
  for (const type of Object.values(served.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  // Built-in scalars come with their own descriptions; anything listed here is ours to document.
  expect(missing.filter((name) => !['Boolean', 'String', 'Int', 'Float', 'ID'].includes(name))).toEqual([]);
});
