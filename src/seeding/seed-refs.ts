/** Reference kinds a seed may point to with `kind:key`. */
export const REF_KINDS = [
  'ecosystem', 'association', 'institution', 'programme', 'event', 'hub', 'person',
  'region', 'department', 'commune', 'area', 'country',
] as const;
export type RefKind = (typeof REF_KINDS)[number];

export function parseRef(value: string): { kind: RefKind; key: string } | null {
  const at = value.indexOf(':');
  const kind = value.slice(0, at) as RefKind;
  return REF_KINDS.includes(kind) ? { kind, key: value.slice(at + 1) } : null;
}
