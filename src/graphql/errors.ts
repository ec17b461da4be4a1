import { GraphQLError } from 'graphql';

/** A client error that names the argument at fault and why (code BAD_USER_INPUT). Raised while executing, so per the GraphQL-over-HTTP spec the response stays HTTP 200 with partial data. */
export function badInput(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: argument },
  });
}
