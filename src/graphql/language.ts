import type { IncomingMessage } from 'node:http';
import { registerEnumType } from 'type-graphql';

/**
 * Issue 10, "Language": text fields are held in French (the language of the sources and of the partner
 * sites) with English kept as a translation beside them (`<column>_en`).
 */
export enum Language {
  FR = 'fr',
  EN = 'en',
}
registerEnumType(Language, {
  name: 'Language',
  description: 'A language text fields can be served in.',
  valuesConfig: {
    FR: { description: 'French, the language the texts are held in (the sources\' and the partner sites\'); the default.' },
    EN: { description: 'English, kept as a translation of the French text.' },
  },
});

export const LANG_DOC = 'Language to serve the text in; by default the request\'s (`Accept-Language` preferring English gives EN, anything else FR). When the text is missing in that language, the other one is served.';

/**
 * The request's language from `Accept-Language`: EN when the highest-weighted of fr/en ranges is
 * English, FR otherwise (absent header, other languages, `*`). Ties go to the first listed.
 */
export function languageOf(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return Language.FR;
  let best: { lang: Language; q: number } | undefined;
  for (const part of value.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const primary = range?.trim().split('-')[0];
    if (primary !== 'en' && primary !== 'fr') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary === 'en' ? Language.EN : Language.FR, q };
  }
  return best?.lang ?? Language.FR;
}

export const requestLanguage = (req: IncomingMessage): Language => languageOf(req.headers['accept-language']);

/** The text in the language asked, else in the other one: never null when either exists. */
export function inLanguage(lang: Language, fr: string | null | undefined, en: string | null | undefined): string | null {
  return (lang === Language.EN ? en || fr : fr || en) ?? null;
}
