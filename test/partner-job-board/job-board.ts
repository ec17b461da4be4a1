import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { OFFERS, type JobOffer } from './offers.js';

/**
 * A partner's subgraph, as a partner would write it (SDL first): a job board that adds
 * `openPositions` to maillage's communities. maillage has no `Community` type: a community is an
 * `Ecosystem` (label kind COMMUNITY), so the job board extends `Ecosystem` through its slug key and
 * defines only the key field and its own field. Everything else about an ecosystem (name, label
 * path…) comes from maillage.
 */
export const JOB_BOARD_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

"""The kind of contract an offer proposes."""
enum ContractType {
  CDI
  CDD
  ALTERNANCE
  STAGE
  FREELANCE
}

"""A job offer published on the job board (the offers of this example are fictional)."""
type JobOffer {
  """Identifier of the offer on the job board."""
  id: ID!
  """Title of the position."""
  title: String!
  """The company that hires."""
  company: String!
  """The kind of contract."""
  contractType: ContractType!
  """Day the offer was posted (YYYY-MM-DD)."""
  postedOn: String!
  """Where the job is."""
  address: String!
}

"""A maillage ecosystem, referenced by its slug: the job board lists the open positions of communities."""
type Ecosystem @key(fields: "slug") {
  """maillage's stable key of the ecosystem."""
  slug: String!
  """Offers listed under this community, newest first."""
  openPositions: [JobOffer!]!
}

type Query {
  """Every offer of the job board, newest first."""
  jobOffers: [JobOffer!]!
}
`;

const newestFirst = (a: JobOffer, b: JobOffer) => b.postedOn.localeCompare(a.postedOn);

export function jobBoardSchema() {
  return buildSubgraphSchema([{
    typeDefs: parse(JOB_BOARD_SDL),
    resolvers: {
      Query: { jobOffers: () => [...OFFERS].sort(newestFirst) },
      Ecosystem: {
        // Any slug resolves: a community without offers simply has none.
        __resolveReference: (reference: { slug: string }) => ({ slug: reference.slug }),
        openPositions: (ecosystem: { slug: string }) => OFFERS.filter((o) => o.community === ecosystem.slug).sort(newestFirst),
      },
    } as never,
  }]);
}

export interface RunningService { url: string; stop(): Promise<void> }

/** Serves the job board on loopback (port 0: a free one). */
export async function startJobBoard(port = 0, host = '127.0.0.1'): Promise<RunningService> {
  const server = new ApolloServer({ schema: jobBoardSchema(), plugins: [ApolloServerPluginInlineTraceDisabled()], stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { port, host } });
  return { url, stop: () => server.stop() };
}
