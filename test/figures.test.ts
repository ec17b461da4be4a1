import { startTestApi, type TestApi } from './support/app.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.stop(); });

describe('figures', () => {
  test('Loire Numérique: 140 members, 8 staff, a budget of more than €500,000 (2009)', async () => {
    const { body } = await api.graphql(`{ association(slug: "loire-numerique") { figures {
      metric value qualifier unit text symbols: text(style: SYMBOLS) asOf { text } label sources { slug }
    } } }`);
    expect(body.errors).toBeUndefined();
    const byMetric = Object.fromEntries(body.data.association.figures.map((f: any) => [f.metric, f]));
    expect(byMetric.budget).toMatchObject({ value: 500000, qualifier: 'MORE_THAN', unit: 'EUR', text: 'more than €500,000', symbols: '> €500,000', asOf: { text: '2009-06-29' } });
    expect(byMetric.members).toMatchObject({ value: 140, qualifier: 'EXACT', text: '140' });
    expect(byMetric.staff.text).toBe('8');
  });

  test('figures about territories, ecosystems and programmes; the subject union', async () => {
    const { body } = await api.graphql(`{
      territory: figures(filter: { subjectSlug: "commune-67482" }) { nodes { metric text subject { __typename ... on Territory { code } } } }
      event: figures(filter: { metric: "attendees" }, first: 100) { nodes { text subject { __typename ... on Event { slug } ... on Programme { slug } } } }
      programme(slug: "french-tech-community-fund") { figures(metric: "laureates") { value asOf { text } } }
      ecosystem(slug: "la-french-tech") { figures(metric: "capitals") { value asOf { text } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.territory.nodes).toEqual([{ metric: 'open-positions', text: '500', subject: { __typename: 'Territory', code: '67482' } }]);
    expect(body.data.event.nodes).toEqual(expect.arrayContaining([
      { text: 'about 150', subject: { __typename: 'Event', slug: 'french-tech-littoral-hdf-launch-2019' } },
      { text: 'at least 200', subject: { __typename: 'Programme', slug: 'cap-numeric-hackathons' } },
    ]));
    expect(body.data.programme.figures).toEqual([{ value: 129, asOf: { text: '2022-10-13' } }, { value: 77, asOf: { text: '2021' } }]);
    expect(body.data.ecosystem.figures[0]).toEqual({ value: 17, asOf: { text: '2023-12' } });
  });

  test('the list is newest first and a bad metric is a BAD_USER_INPUT', async () => {
    const { body } = await api.graphql(`{ figures(first: 100) { totalCount nodes { asOf { date } } } }`);
    const dates = body.data.figures.nodes.map((n: any) => n.asOf.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const bad = await api.graphql(`{ figures(filter: { metric: "DROP TABLE" }) { nodes { id } } }`);
    expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.metric' });
  });

  test('subjects and figures of a list cost a bounded number of statements', async () => {
    const query = (n: number) => `{ figures(first: ${n}) { nodes { text sources { slug } subject { __typename } } } }`;
    const many = await api.countStatements(query(100));
    expect(many.body.errors).toBeUndefined();
    // list + sources + one per subject type present (Ecosystem, Territory, Association, Institution, Event, Programme)
    expect(many.count).toBeLessThanOrEqual(8);
  });
});
