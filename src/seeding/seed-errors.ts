/** One thing wrong in the seeds, located as precisely as a person needs to fix it. */
export interface SeedProblem {
  file: string;
  /** `ecosystems[3] "french-tech-east"` */
  record: string;
  /** `labels[0].validFrom` */
  field: string;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    const shown = problems.slice(0, 25).map((p) => `  ${p.file}: ${p.record}${p.field ? `, field ${p.field}` : ''}: ${p.message}`);
    const more = problems.length > 25 ? [`  … and ${problems.length - 25} more`] : [];
    super([`The seeds have ${problems.length} problem(s); nothing was written:`, ...shown, ...more].join('\n'));
    this.name = 'SeedValidationError';
  }
}
