import type { Edited } from './records.js';
import type { UserError } from './user-error.js';

/** `{ record, userErrors }` → `{ <field>: record, userErrors }`. */
export function asPayload<T>(field: string, edited: Edited<T>): Record<string, unknown> & { userErrors: UserError[] } {
  return { [field]: edited.record, userErrors: edited.userErrors };
}
