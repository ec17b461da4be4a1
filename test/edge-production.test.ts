import { getIntrospectionQuery } from 'graphql';
import { PROJECT_ROOT } from '../src/shared/project-root.js';
import { startTestApi, type TestApi } from './support/app.js';

let production: TestApi;
let development: TestApi;
beforeAll(async () => {
  production = await startTestApi(undefined, { production: true });
  development = await startTestApi(undefined, { production: false });
});
afterAll(async () => {
  await production?.stop();
  await development?.stop();
});

describe('production mode', () => {
  test('introspection stays on (GraphiQL\'s own introspection query runs): the playground\'s docs work', async () => {
    const { status, body } = await production.graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.queryType.name).toBe('Query');
  });

  test('MAILLAGE_INTROSPECTION=false turns it off', async () => {
    const closed = await startTestApi(undefined, { production: true, edge: { introspection: false } });
    try {
      const { status, body } = await closed.graphql('{ __schema { queryType { name } } }');
      expect(status).toBe(400);
      expect(body.errors![0].message).toMatch(/introspection/i);
      expect((await closed.graphql('{ capitals(asOf: "2019-04-03") { totalCount } }')).body.data.capitals.totalCount).toBe(13);
    } finally {
      await closed.stop();
    }
  });

  test('GET / and a browser opening /graphql get a page linking to the playground, with a CSP', async () => {
    for (const route of ['/', '/graphql']) {
      const page = await fetch(`${production.url}${route}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('href="/playground"');
    }
    const json = await fetch(`${production.url}/`);
    expect(await json.json()).toMatchObject({ graphql: '/graphql', playground: '/playground' });
    // A GET of /graphql by a program (no HTML asked) is GraphQL over HTTP: no operation, 400.
    expect((await fetch(`${production.url}/graphql`)).status).toBe(400);
  });

  test('no stack traces in production; in development they name no absolute path', async () => {
    const query = '{ capitals(first: 500) { totalCount } }';
    expect(JSON.stringify((await production.graphql(query)).body)).not.toMatch(/stacktrace/);
    const dev = JSON.stringify((await development.graphql(query)).body);
    expect(dev).toMatch(/stacktrace/);
    expect(dev).not.toContain(PROJECT_ROOT);
    expect(dev).not.toMatch(/file:\/\//);
  });
});
