import { GraphQLError } from 'graphql';
import type { RequestContext } from '../graphql/context.js';

/** Roles, each allowed what the previous one is, and more. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The holder of an API token.
 * - viewer: reads personal data and the audit log;
 * - editor: also creates and updates records and figures;
 * - admin: also labels, the hierarchy and tokens.
 */
export interface Viewer {
  tokenId: string;
  /** The token's name: the author recorded in the audit trail. */
  name: string;
  role: Role;
}

export function hasRole(viewer: Viewer | null, minimum: Role): boolean {
  return viewer !== null && ROLES.indexOf(viewer.role) >= ROLES.indexOf(minimum);
}

/** Throws UNAUTHENTICATED without a token, FORBIDDEN with a role below `minimum`. */
export function requireRole(ctx: RequestContext, minimum: Role): Viewer {
  const { viewer } = ctx;
  if (!viewer) {
    throw new GraphQLError('Authentication required: send "Authorization: Bearer <token>".', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  if (!hasRole(viewer, minimum)) {
    throw new GraphQLError(`The token "${viewer.name}" has the role ${viewer.role}; this needs ${minimum} or above.`, { extensions: { code: 'FORBIDDEN' } });
  }
  return viewer;
}
