import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import type { RunningService } from './job-board.js';

/**
 * An @apollo/gateway in front of the subgraphs: it reads their `_service { sdl }`, composes the
 * supergraph and plans every query across them (as Apollo's router does in production).
 */
export async function startGateway(subgraphs: { name: string; url: string }[], port = 0, host = '127.0.0.1'): Promise<RunningService> {
  const gateway = new ApolloGateway({ supergraphSdl: new IntrospectAndCompose({ subgraphs }) });
  // @apollo/gateway 2.14 is typed against an older gateway interface than Apollo Server 5's (STACK.md).
  const server = new ApolloServer({ gateway: gateway as never, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { port, host } });
  return { url, stop: () => server.stop() };
}
