/** The widgets' own texts in French (default) and English; dates and numbers go through Intl. */
export type Lang = 'fr' | 'en';

export function langOf(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const fr = {
  loading: 'Chargement…',
  error: 'Impossible de joindre maillage pour le moment.',
  refused: 'maillage a refusé la demande.',
  retry: 'Réessayer',
  unknownEcosystem: (slug: string) => `Aucun écosystème French Tech ne porte l’identifiant « ${slug} ».`,
  noLabel: 'Sans label French Tech à cette date',
  labelSince: (from: string) => `depuis le ${from}`,
  labelPeriod: (from: string, to: string) => `du ${from} au ${to}`,
  hangsFrom: 'Rattachement :',
  carriers: 'Portée par',
  hubs: 'Lieux',
  programmes: 'Programmes',
  nextEvents: 'Prochains événements',
  noNextEvent: 'Aucun événement à venir connu.',
  sources: 'Sources',
  website: 'Site web',
  events: 'Événements',
  upcomingEvents: 'Événements à venir',
  pastEvents: 'Événements passés',
  noUpcoming: 'Aucun événement à venir.',
  noPast: 'Aucun événement passé.',
  eventCount: (n: number) => `${n} événement${n > 1 ? 's' : ''}`,
  commune: 'Commune',
  communeHint: 'Tapez le début du nom, puis choisissez',
  headcount: 'Effectif (salariés)',
  stage: 'Stade',
  anyStage: 'Tous stades',
  search: 'Chercher',
  pickCommune: 'Choisissez une commune dans la liste proposée.',
  pickHeadcount: 'Indiquez un effectif (0 ou plus).',
  programmeCount: (n: number) => `${n} programme${n > 1 ? 's' : ''} ouvert${n > 1 ? 's' : ''}`,
  noProgramme: 'Aucun programme ouvert à cette organisation ici.',
  why: 'Pourquoi :',
  nationwide: 'ouvert partout en France',
  covers: (name: string) => `couvre ${name}`,
  below: (n: string) => `moins de ${n} salariés`,
  atLeast: (n: string) => `au moins ${n} salariés`,
  stages: (list: string) => `stades : ${list}`,
  operatedBy: (name: string) => `Opéré par ${name}`,
  source: 'Source :',
  mapTitle: (date: string) => `Le réseau French Tech le ${date}`,
  mapRegionTitle: (region: string, date: string) => `Le réseau French Tech en ${region} le ${date}`,
  pointCount: (n: number) => `${n} écosystème${n > 1 ? 's' : ''} sur la carte`,
  emptyRegion: 'Aucune communauté dans cette région à cette date.',
  emptyMap: 'Aucun écosystème labellisé à cette date.',
  abroad: 'À l’étranger',
  elsewhere: 'Hors carte ou position inconnue',
  close: 'Fermer',
  seeCard: 'Voir la fiche',
  capital: 'Capitale',
  outlines: 'Contours : IGN Admin Express / INSEE, via france-geojson (Licence Ouverte)',
  legend: 'Légende',
  links: 'liens vers la capitale',
  approximate: 'position approximative : centre de la région',
};

type Texts = typeof fr;

const en: Texts = {
  loading: 'Loading…',
  error: 'maillage cannot be reached right now.',
  refused: 'maillage refused the request.',
  retry: 'Retry',
  unknownEcosystem: (slug) => `No French Tech ecosystem has the identifier “${slug}”.`,
  noLabel: 'No French Tech label on that date',
  labelSince: (from) => `since ${from}`,
  labelPeriod: (from, to) => `from ${from} to ${to}`,
  hangsFrom: 'Part of:',
  carriers: 'Carried by',
  hubs: 'Places',
  programmes: 'Programmes',
  nextEvents: 'Next events',
  noNextEvent: 'No upcoming event known.',
  sources: 'Sources',
  website: 'Website',
  events: 'Events',
  upcomingEvents: 'Upcoming events',
  pastEvents: 'Past events',
  noUpcoming: 'No upcoming event.',
  noPast: 'No past event.',
  eventCount: (n) => `${n} event${n > 1 ? 's' : ''}`,
  commune: 'Commune',
  communeHint: 'Type the start of the name, then pick one',
  headcount: 'Headcount (staff)',
  stage: 'Stage',
  anyStage: 'Any stage',
  search: 'Search',
  pickCommune: 'Pick a commune from the suggestions.',
  pickHeadcount: 'Give a headcount (0 or more).',
  programmeCount: (n) => `${n} open programme${n > 1 ? 's' : ''}`,
  noProgramme: 'No programme is open to this organisation here.',
  why: 'Why:',
  nationwide: 'open everywhere in France',
  covers: (name) => `covers ${name}`,
  below: (n) => `fewer than ${n} staff`,
  atLeast: (n) => `at least ${n} staff`,
  stages: (list) => `stages: ${list}`,
  operatedBy: (name) => `Run by ${name}`,
  source: 'Source:',
  mapTitle: (date) => `The French Tech network on ${date}`,
  mapRegionTitle: (region, date) => `The French Tech network in ${region} on ${date}`,
  pointCount: (n) => `${n} ecosystem${n > 1 ? 's' : ''} on the map`,
  emptyRegion: 'No community in this region on that date.',
  emptyMap: 'No labelled ecosystem on that date.',
  abroad: 'Abroad',
  elsewhere: 'Off the map or position unknown',
  close: 'Close',
  seeCard: 'See the card',
  capital: 'Capital',
  outlines: 'Outlines: IGN Admin Express / INSEE, via france-geojson (Licence Ouverte)',
  legend: 'Legend',
  links: 'links to the capital',
  approximate: 'approximate position: centre of the region',
};

export function texts(lang: Lang): Texts {
  return lang === 'en' ? en : fr;
}

const KINDS: Record<Lang, Record<string, string>> = {
  fr: {
    NATIONAL: 'La French Tech', CAPITAL: 'Capitale French Tech', COMMUNITY: 'Communauté French Tech',
    METROPOLE: 'Métropole French Tech', HUB_ABROAD: 'French Tech Hub à l’étranger', THEMATIC_NETWORK: 'Réseau thématique French Tech', HUB: 'Lieu',
  },
  en: {
    NATIONAL: 'La French Tech', CAPITAL: 'French Tech Capital', COMMUNITY: 'French Tech Community',
    METROPOLE: 'French Tech Metropolis', HUB_ABROAD: 'French Tech Hub abroad', THEMATIC_NETWORK: 'French Tech thematic network', HUB: 'Place',
  },
};

export function kindLabel(lang: Lang, kind: string | null | undefined): string {
  return (kind && KINDS[lang][kind]) ?? kind ?? '';
}

const STAGES: Record<Lang, Record<string, string>> = {
  fr: { PROJECT: 'projet', STARTUP: 'start-up', SCALEUP: 'scale-up', SME: 'PME', MIDCAP: 'ETI', LARGE_COMPANY: 'grande entreprise', NON_PROFIT: 'association', PUBLIC_BODY: 'organisme public' },
  en: { PROJECT: 'project', STARTUP: 'start-up', SCALEUP: 'scale-up', SME: 'SME', MIDCAP: 'mid-cap', LARGE_COMPANY: 'large company', NON_PROFIT: 'non-profit', PUBLIC_BODY: 'public body' },
};
export const STAGE_VALUES = Object.keys(STAGES.fr);

export function stageLabel(lang: Lang, stage: string): string {
  return STAGES[lang][stage] ?? stage;
}

export interface PartialDate { date: string; precision: 'DAY' | 'MONTH' | 'YEAR' }

/** A day, a month or a year, as precise as the source, in the reader's language. */
export function formatDate(lang: Lang, value: string | PartialDate): string {
  const { date, precision } = typeof value === 'string' ? { date: value, precision: 'DAY' as const } : value;
  const options: Intl.DateTimeFormatOptions =
    precision === 'YEAR' ? { year: 'numeric' } : precision === 'MONTH' ? { year: 'numeric', month: 'long' } : { year: 'numeric', month: 'long', day: 'numeric' };
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR').format(n);
}

/** A country's name from its ISO code, through Intl (no table in the bundle). */
export function countryName(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
