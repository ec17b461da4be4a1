import { badInput } from '../graphql/errors.js';

/**
 * INSEE codes (Code officiel géographique), the one rule every filter and input checks them by.
 * Corsica's departments are "2A" and "2B" ("20" has named none since 1976) and their communes
 * "2A004"…; overseas, the departments and collectivities have three-digit codes ("974", "987",
 * also their region code) and their communes five digits ("97411"). A code of the right shape may
 * still name nothing: lists then match nothing, and seeds and edits look it up in the geography.
 */
const METROPOLITAN_DEPARTMENT = '(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])';
const OVERSEAS = '9[78][0-9]';

export type InseeKind = 'region' | 'department' | 'commune';

const PATTERNS: Record<InseeKind, RegExp> = {
  region: new RegExp(`^(?:[0-9]{2}|${OVERSEAS})$`),
  department: new RegExp(`^(?:${METROPOLITAN_DEPARTMENT}|${OVERSEAS})$`),
  commune: new RegExp(`^(?:${METROPOLITAN_DEPARTMENT}[0-9]{3}|${OVERSEAS}[0-9]{2})$`),
};

export function isInseeCode(code: string, kind: InseeKind): boolean {
  return PATTERNS[kind].test(code);
}

/** The code, when it has the shape of an INSEE code of that kind; a BAD_USER_INPUT naming the argument otherwise. */
export function checkInseeCode(code: string, argument: string, kind: InseeKind): string {
  if (!isInseeCode(code, kind)) throw badInput(argument, `"${code}" is not an INSEE ${kind} code`);
  return code;
}
