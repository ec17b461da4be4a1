/** Dates as the sources give them: a year, a month or a day (and, for events, a time in Europe/Paris). */
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface PartialDate {
  /** First day of the period, ISO `YYYY-MM-DD`. */
  date: string;
  precision: DatePrecision;
  /** `HH:MM` local time in Europe/Paris, when the source gives one. */
  time?: string;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/;

/** Parses `2019`, `2019-04`, `2019-04-03` or `2019-04-03T18:30`; null when the date does not exist. */
export function parsePartialDate(value: string | number): PartialDate | null {
  const match = PATTERN.exec(String(value));
  if (!match) return null;
  const [, y, m, d, hh, mm] = match;
  const year = Number(y);
  const month = m === undefined ? 1 : Number(m);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59)) return null;
  const date = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const precision: DatePrecision = d !== undefined ? 'DAY' : m !== undefined ? 'MONTH' : 'YEAR';
  return hh !== undefined ? { date, precision, time: `${hh}:${mm}` } : { date, precision };
}

/** The last day of the period a partial date names (2019-04 → 2019-04-30). */
export function lastDayOf(value: PartialDate): string {
  const [y, m] = value.date.split('-').map(Number) as [number, number];
  if (value.precision === 'YEAR') return `${y}-12-31`;
  if (value.precision === 'MONTH') return `${y}-${String(m).padStart(2, '0')}-${daysInMonth(y, m)}`;
  return value.date;
}

/** The last day of the period a date in seed form names (`2019` → 2019-12-31, `"2019-04"` → 2019-04-30); null when none is given. */
export function lastDay(value: string | number | null | undefined): string | null {
  return value === undefined || value === null ? null : lastDayOf(parsePartialDate(value)!);
}

/** SQL twin of lastDayOf: the last day of a stored partial date (its `date` and `precision` columns). */
export function lastDaySql(date: string, precision: string): string {
  return `(case ${precision}
  when 'YEAR' then (date_trunc('year', ${date}) + interval '1 year - 1 day')::date
  when 'MONTH' then (date_trunc('month', ${date}) + interval '1 month - 1 day')::date
  else ${date} end)`;
}

/** Whether a period (open-ended when a bound is null) covers a day; its days are ISO `YYYY-MM-DD`. */
export function periodCovers(from: string | null, to: string | null, day: string): boolean {
  return (from === null || from <= day) && (to === null || day <= to);
}

/** SQL twin of periodCovers for a row's `valid_from` / `valid_to` columns (alias `row`). */
export function periodCoversSql(row: string, day: string): string {
  return `(${row}.valid_from is null or ${row}.valid_from <= ${day}) and (${row}.valid_to is null or ${row}.valid_to >= ${day})`;
}

/** Renders a partial date the way it was given: `2019`, `2019-04`, `2019-04-03`. */
export function formatPartialDate(date: string, precision: DatePrecision): string {
  return precision === 'YEAR' ? date.slice(0, 4) : precision === 'MONTH' ? date.slice(0, 7) : date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
