import { css, html, nothing } from 'lit';
import { run } from './api.js';
import { MaillageElement, baseStyles } from './base.js';
import { STAGE_VALUES, formatNumber, stageLabel } from './i18n.js';

interface Match {
  nationwide: boolean;
  matchedTerritory: { name: string; kind: string } | null;
  programme: {
    slug: string;
    name: string;
    level: string;
    description: string | null;
    operator: { name: string } | null;
    eligibility: { headcountBelow: number | null; headcountAtLeast: number | null; stages: string[] };
    sources: { title: string; publisher: string; url: string | null }[];
  };
}

interface Commune { code: string; name: string; parent: { code: string; name: string } | null }

/**
 * <maillage-programmes commune="67482" headcount="12" stage="STARTUP">: the programmes open to such an
 * organisation, with why each matches and its source. Without a place and a headcount it shows a
 * small form (commune by name with suggestions, headcount, stage); `form` keeps the form shown.
 */
export class MaillageProgrammes extends MaillageElement<Match[] | null> {
  static override properties = {
    ...MaillageElement.properties,
    commune: { type: String }, department: { type: String }, region: { type: String },
    headcount: { type: Number }, stage: { type: String }, on: { type: String }, form: { type: Boolean },
    suggestions: { state: true }, problem: { state: true },
  };
  static override styles = [baseStyles, css`
    form { display: flex; flex-wrap: wrap; gap: 0.75em; align-items: flex-end; margin-bottom: 1em; }
    label, .field { display: flex; flex-direction: column; font-size: 0.9em; gap: 0.2em; flex: 1 1 9em; min-width: 0; }
    .field label { font-size: 1em; }
    input, select { font: inherit; padding: 0.3em 0.4em; border: 1px solid var(--maillage-input-border, #6b7280); border-radius: 4px; width: 100%; background: var(--maillage-background, #fff); color: inherit; }
    ol { list-style: none; padding: 0; margin: 0; }
    li.match { padding: 0.6em 0; border-top: 1px solid var(--maillage-border, #c9d1da); }
    .name { font-weight: 600; }
    .problem { color: var(--maillage-error, #b42318); flex-basis: 100%; margin: 0; }
  `];

  declare commune: string | undefined;
  declare department: string | undefined;
  declare region: string | undefined;
  declare headcount: number | undefined;
  declare stage: string | undefined;
  declare on: string | undefined;
  declare form: boolean;
  declare suggestions: Commune[];
  declare problem: string | undefined;
  private communeName = '';
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  protected readonly inputs = ['commune', 'department', 'region', 'headcount', 'stage', 'on', 'lang'];

  constructor() {
    super();
    this.suggestions = [];
    this.form = false;
  }

  private get preset(): boolean {
    return Boolean((this.commune || this.department || this.region) && Number.isFinite(this.headcount));
  }

  protected async load(origin: string): Promise<Match[] | null> {
    if (!this.preset) return null;
    const input = {
      communeCode: this.commune || undefined, departmentCode: this.department || undefined, regionCode: this.region || undefined,
      headcount: this.headcount, stage: this.stage || undefined, on: this.on || undefined,
    };
    const data = await run<{ programmeFinder: Match[] }>(origin, 'widget-programmes', {
      input: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), lang: this.language.toUpperCase(),
    });
    return data.programmeFinder;
  }

  private onType(event: Event) {
    const value = (event.target as HTMLInputElement).value;
    this.communeName = value;
    const picked = this.suggestions.find((c) => this.optionLabel(c) === value);
    if (picked) return;
    clearTimeout(this.typingTimer);
    if (value.trim().length < 2) return;
    this.typingTimer = setTimeout(() => {
      run<{ territories: { nodes: Commune[] } }>(this.origin, 'widget-communes', { prefix: value.trim() })
        .then((data) => { this.suggestions = data.territories.nodes; })
        .catch(() => { this.suggestions = []; });
    }, 200);
  }

  private optionLabel(c: Commune): string {
    return c.parent ? `${c.name} (${c.parent.code})` : c.name;
  }

  private onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fields = new FormData(form);
    const name = String(fields.get('commune') ?? '').trim();
    const commune = this.suggestions.find((c) => this.optionLabel(c) === name) ?? this.suggestions.find((c) => c.name.toLowerCase() === name.toLowerCase());
    const headcount = Number(fields.get('headcount'));
    if (!commune && !this.commune) { this.problem = this.t.pickCommune; return; }
    if (fields.get('headcount') === '' || !Number.isInteger(headcount) || headcount < 0) { this.problem = this.t.pickHeadcount; return; }
    this.problem = undefined;
    this.form = true;
    if (commune) this.commune = commune.code;
    this.headcount = headcount;
    this.stage = String(fields.get('stage') ?? '') || undefined;
  }

  protected override render() {
    const showForm = this.form || !this.preset;
    return html`<section part="programmes" class="frame" aria-labelledby="title">
      <h2 part="title" id="title">${this.t.programmes}</h2>
      ${showForm ? this.renderForm() : nothing}
      ${this.preset ? super.render() : nothing}
    </section>`;
  }

  private renderForm() {
    const { t, language: lang } = this;
    return html`<form part="form" @submit=${this.onSubmit} novalidate>
      <div class="field"><label for="commune">${t.commune}</label>
        <input id="commune" name="commune" list="communes" autocomplete="off" .value=${this.communeName} @input=${this.onType}
          aria-describedby="commune-hint" required>
        <span id="commune-hint" class="muted">${t.communeHint}</span>
      </div>
      <datalist id="communes">${this.suggestions.map((c) => html`<option value=${this.optionLabel(c)}></option>`)}</datalist>
      <label>${t.headcount}<input name="headcount" type="number" min="0" step="1" inputmode="numeric" .value=${this.headcount === undefined ? '' : String(this.headcount)} required></label>
      <label>${t.stage}<select name="stage">
        <option value="">${t.anyStage}</option>
        ${STAGE_VALUES.map((s) => html`<option value=${s} ?selected=${this.stage === s}>${stageLabel(lang, s)}</option>`)}
      </select></label>
      <button part="button" type="submit">${t.search}</button>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
    </form>`;
  }

  protected renderData(matches: Match[] | null) {
    const { t, language: lang } = this;
    if (!matches) return nothing;
    if (matches.length === 0) return html`<p part="empty" class="muted" role="status">${t.noProgramme}</p>`;
    return html`<p part="count" class="muted" role="status">${t.programmeCount(matches.length)}</p>
      <ol>${matches.map(({ programme: p, nationwide, matchedTerritory }) => {
        const why = [
          nationwide ? t.nationwide : matchedTerritory ? t.covers(matchedTerritory.name) : null,
          p.eligibility.headcountBelow != null ? t.below(formatNumber(lang, p.eligibility.headcountBelow)) : null,
          p.eligibility.headcountAtLeast ? t.atLeast(formatNumber(lang, p.eligibility.headcountAtLeast)) : null,
          p.eligibility.stages.length ? t.stages(p.eligibility.stages.map((s) => stageLabel(lang, s)).join(', ')) : null,
        ].filter(Boolean);
        const source = p.sources[0];
        return html`<li part="programme" class="match">
          <div class="name" part="programme-name">${p.name}</div>
          ${p.operator ? html`<div class="muted">${t.operatedBy(p.operator.name)}</div>` : nothing}
          <div part="why"><span class="muted">${t.why}</span> ${why.join(lang === 'fr' ? ' ; ' : '; ')}</div>
          ${source ? html`<div class="sources">${t.source} ${source.url
            ? html`<a part="link" href=${source.url} rel="noopener" target="_blank">${source.title}</a>`
            : source.title} <span class="muted">(${source.publisher})</span></div>` : nothing}
        </li>`;
      })}</ol>`;
  }
}
