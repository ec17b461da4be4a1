import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '../src/database/orm.js';
import { loadSeeds } from '../src/seeding/load-seeds.js';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { Person } from '../src/people/person.entity.js';
import { createToken } from '../src/auth/tokens.js';
import { freshDatabaseUrl, startTestApi, statementCount, type TestApi } from './support/app.js';

/**
 * Personal contact details reach API tokens (viewer and up) through `Person.contact` only; the public
 * gets null there and finds the number on no other path. Since issue 10 the seeds store no contact
 * detail at all (the 2009 press release's number was erased: test/data-people.test.ts checks the
 * database holds none), so this suite writes one into its own database as a fixture: the protection
 * stays for any contact kept later with a documented need.
 */
const PHONE = '04 77 79 30 25';
const CONTACT = { phone: PHONE, email: null };
let orm: MikroORM;
let api: TestApi;
let viewerToken: string;
let pressContactId: string;

// A database of our own: tokens are written, which the suite's shared database must not be.
beforeAll(async () => {
  const url = await freshDatabaseUrl('privacy');
  orm = await openOrm(url);
  await migrate(orm);
  await loadSeeds(orm);
  await orm.em.fork().getConnection().execute(`update person set contact_phone = '${PHONE}' where slug = 'brigitte-marandon'`);
  viewerToken = (await createToken(orm.em.fork(), { name: 'privacy viewer', role: 'viewer' })).token;
  api = await startTestApi(url);
  const { body } = await api.graphql('{ person(slug: "brigitte-marandon") { id name } }');
  expect(body.data.person.name).toBe('Brigitte Marandon');
  pressContactId = body.data.person.id;
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await orm?.close(true);
});

const asViewer = () => ({ authorization: `Bearer ${viewerToken}` });

/** Runs a query as the public and as a viewer; the public answer must not hold the phone number anywhere. */
async function both(query: string, variables?: Record<string, unknown>) {
  const publicAnswer = await api.graphql(query, variables);
  const viewerAnswer = await api.graphql(query, variables, asViewer());
  expect(publicAnswer.body.errors).toBeUndefined();
  expect(viewerAnswer.body.errors).toBeUndefined();
  const publicText = JSON.stringify(publicAnswer.body);
  expect(publicText).not.toContain(PHONE);
  expect(publicText).not.toContain('77 79 30');
  return { public: publicAnswer.body.data, viewer: viewerAnswer.body.data };
}

describe('Person.contact', () => {
  test('person(slug:): null for the public, the phone number for a viewer', async () => {
    const result = await both('{ person(slug: "brigitte-marandon") { name contact { phone email } } }');
    expect(result.public.person).toEqual({ name: 'Brigitte Marandon', contact: null });
    expect(result.viewer.person).toEqual({ name: 'Brigitte Marandon', contact: CONTACT });
  });

  test('node(id:) and nodes(ids:) of the press contact', async () => {
    const result = await both(`query ($id: ID!) {
      node(id: $id) { id ... on Person { name contact { phone email } } }
      nodes(ids: [$id]) { ... on Person { contact { phone } } }
    }`, { id: pressContactId });
    expect(result.public.node).toEqual({ id: pressContactId, name: 'Brigitte Marandon', contact: null });
    expect(result.public.nodes).toEqual([{ contact: null }]);
    expect(result.viewer.node.contact).toEqual(CONTACT);
    expect(result.viewer.nodes).toEqual([{ contact: { phone: PHONE } }]);
  });

  test('search "Marandon": found, without her contact details for the public (hit, title, snippet)', async () => {
    const result = await both('{ search(query: "Marandon") { title snippet kind node { id ... on Person { name contact { phone email } } } } }');
    const hit = result.public.search.find((h: any) => h.node.id === pressContactId);
    expect(hit).toMatchObject({ kind: 'PERSON', node: { name: 'Brigitte Marandon', contact: null } });
    expect(result.viewer.search.find((h: any) => h.node.id === pressContactId).node.contact).toEqual(CONTACT);
    // The number itself is not searchable.
    const byNumber = await both(`{ search(query: "${PHONE}") { node { id } snippet } }`);
    expect(byNumber.public.search.map((h: any) => h.node.id)).not.toContain(pressContactId);
  });

  test('people list: contact null for everyone for the public; one statement for all contacts for a viewer', async () => {
    const query = '{ people(first: 100) { totalCount nodes { slug contact { phone email } } } }';
    const result = await both(query);
    expect(result.public.people.totalCount).toBe(33);
    expect(result.public.people.nodes.every((p: any) => p.contact === null)).toBe(true);
    const withContacts = result.viewer.people.nodes.filter((p: any) => p.contact !== null);
    expect(withContacts).toEqual([{ slug: 'brigitte-marandon', contact: CONTACT }]);

    const cost = async (q: string) => {
      const before = statementCount();
      const { body } = await api.graphql(q, undefined, asViewer());
      expect(body.errors).toBeUndefined();
      return statementCount() - before;
    };
    const withoutField = await cost('{ people(first: 100) { nodes { slug } } }');
    expect(await cost(query.replace(' totalCount', ''))).toBe(withoutField + 1);
    expect(await cost('{ people(first: 5) { nodes { slug contact { phone } } } }')).toBe(withoutField + 1);
  });

  test('roles → person: an association\'s people and a person\'s roles', async () => {
    const result = await both(`{
      association(slug: "loire-numerique") { people { title person { slug contact { phone } roles { person { contact { phone } } } } } }
    }`);
    const press = (data: any) => data.association.people.find((r: any) => r.person.slug === 'brigitte-marandon');
    expect(press(result.public)).toEqual({ title: 'contact presse', person: { slug: 'brigitte-marandon', contact: null, roles: [{ person: { contact: null } }] } });
    expect(press(result.viewer).person.contact).toEqual({ phone: PHONE });
    expect(press(result.viewer).person.roles[0].person.contact).toEqual({ phone: PHONE });
  });

  test('federation _entities, by id and by slug', async () => {
    const result = await both(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { slug contact { phone } } } }`, {
      r: [{ __typename: 'Person', id: pressContactId }, { __typename: 'Person', slug: 'brigitte-marandon' }],
    });
    expect(result.public._entities).toEqual([{ slug: 'brigitte-marandon', contact: null }, { slug: 'brigitte-marandon', contact: null }]);
    expect(result.viewer._entities.map((e: any) => e.contact)).toEqual([{ phone: PHONE }, { phone: PHONE }]);
  });

  test('an invalid token gets nothing (401), not the public answer', async () => {
    const { status, body } = await api.graphql('{ person(slug: "brigitte-marandon") { contact { phone } } }', undefined, { authorization: 'Bearer mlg_nope' });
    expect(status).toBe(401);
    expect(JSON.stringify(body)).not.toContain(PHONE);
  });

  test('loading a person as an entity (what the write side does) does not read the contact columns', async () => {
    const person = await orm.em.fork().findOneOrFail(Person, { slug: 'brigitte-marandon' });
    expect(person.name).toBeTruthy();
    expect(person.contactPhone).toBeUndefined();
    expect(JSON.stringify(person)).not.toContain(PHONE);
  });

  test('the contact columns are read in one place only (src/people/person-contact.ts)', async () => {
    const offenders: string[] = [];
    const allowed = new Set(['src/people/person-contact.ts', 'src/seeding/write-seeds.ts', 'src/database/migrations/Migration20261123000000_network.ts',
      'src/database/migrations/Migration20261130100000_certainty_places.ts']);
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.ts')) {
          const relative = path.relative(PROJECT_ROOT, full);
          const text = await readFile(full, 'utf8');
          if (/contact_(phone|email)|select\s+(\w+\.)?\*\s+from\s+person\b/i.test(text) && !allowed.has(relative)) offenders.push(relative);
        }
      }
    };
    await walk(path.join(PROJECT_ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
