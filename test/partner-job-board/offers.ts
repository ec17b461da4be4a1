/**
 * The job board's data, in memory. EVERY OFFER IS A FICTIONAL EXAMPLE: the companies ("Exemple
 * SARL", "Démo & Fils"…), titles and addresses are made up to show federation at work; they say
 * nothing about real companies of these communities. Only the community slugs are real: they are
 * maillage's seeded ecosystems (French Tech Littoral Hauts-de-France, whose job board Cap Numeric
 * runs on the Côte d'Opale, and French Tech Artois), the key the job board extends `Ecosystem` by.
 */
export type ContractType = 'CDI' | 'CDD' | 'ALTERNANCE' | 'STAGE' | 'FREELANCE';

export interface JobOffer {
  id: string;
  /** The community the offer is listed under: maillage's `Ecosystem.slug`. */
  community: string;
  title: string;
  company: string;
  contractType: ContractType;
  /** YYYY-MM-DD. */
  postedOn: string;
  address: string;
}

export const OFFERS: readonly JobOffer[] = [
  {
    id: 'offer-1', community: 'french-tech-littoral-hauts-de-france', title: 'Développeur·se TypeScript (exemple fictif)',
    company: 'Exemple SARL', contractType: 'CDI', postedOn: '2019-05-20', address: '1 rue de l\'Exemple, 62100 Calais (adresse fictive)',
  },
  {
    id: 'offer-2', community: 'french-tech-littoral-hauts-de-france', title: 'Alternance data analyst (exemple fictif)',
    company: 'Démo & Fils', contractType: 'ALTERNANCE', postedOn: '2019-05-27', address: '2 quai Fictif, 59140 Dunkerque (adresse fictive)',
  },
  {
    id: 'offer-3', community: 'french-tech-artois', title: 'Stage UX design (exemple fictif)',
    company: 'Exemple SARL', contractType: 'STAGE', postedOn: '2019-05-15', address: '3 place de la Démo, 62000 Arras (adresse fictive)',
  },
];
