import { isObjectType } from 'graphql';
import { buildMaillageSchema } from '../src/graphql/schema.js';
import { entitiesOf, loadersOf, resolversOf } from '../src/graphql/domain.js';
import { DOMAINS, ENTITIES } from '../src/domains.js';

/** The domains of src/domains.ts are the only source of the schema's registrations. */
test('node(id:) loads exactly the types that implement Node', async () => {
  const schema = await buildMaillageSchema();
  const implementers = Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
    .map((t) => t.name).sort();
  expect([...loadersOf(DOMAINS, 'nodes').keys()].sort()).toEqual(implementers);
});

test('every type a domain declares editable has `version: Int!`', async () => {
  const schema = await buildMaillageSchema();
  const versioned = DOMAINS.flatMap((d) => d.versioned ?? []);
  expect(versioned.length).toBeGreaterThan(0);
  for (const { type } of versioned) {
    const graphqlType = schema.getType(type.name);
    expect(isObjectType(graphqlType) && String(graphqlType.getFields().version?.type)).toBe('Int!');
  }
});

test('each domain is listed once and each resolver class belongs to one domain', () => {
  const names = DOMAINS.map((d) => d.name);
  expect(new Set(names).size).toBe(names.length);
  const resolvers = resolversOf(DOMAINS);
  expect(new Set(resolvers).size).toBe(resolvers.length);
});

test('a type declared by two domains is refused, naming both', () => {
  const [first] = DOMAINS;
  const twin = { name: 'twin', resolvers: [], nodes: first!.nodes };
  expect(() => loadersOf([first!, twin], 'nodes')).toThrow(new RegExp(`in both the ${first!.name} and the twin domains`));
});

test('the ORM gets its entities from the domains, each table from one domain', () => {
  const hubs = DOMAINS.find((d) => d.name === 'hubs')!;
  expect(hubs.entities?.map((e) => e.meta.tableName)).toEqual(['hub', 'hub_ecosystem']);
  expect(ENTITIES).toEqual(DOMAINS.flatMap((d) => d.entities ?? []));
  expect(() => entitiesOf([hubs, { name: 'twin', resolvers: [], entities: hubs.entities }])).toThrow(/the entity Hub is declared by two domains/);
});
