import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, MODULE_ORIGIN } from './api.js';
import { langOf, texts, type Lang } from './i18n.js';

/**
 * What every widget shares: `lang` (fr or en; by default the page's, French otherwise), `api` (maillage's origin, by default the one
 * the script came from), the loading → ready | error cycle with a retry, and the themable styles.
 * Subclasses say which properties change their data (`inputs`) and how to load it (`load`).
 */
export abstract class MaillageElement<T> extends LitElement {
  static override properties = {
    lang: { type: String },
    api: { type: String },
    status: { state: true },
  };

  declare lang: string;
  declare api: string | undefined;
  declare status: 'loading' | 'ready' | 'error';
  protected data: T | undefined;
  protected failure: ApiError | undefined;
  private sequence = 0;

  /** Properties whose change reloads the data. */
  protected abstract readonly inputs: readonly string[];
  protected abstract load(origin: string): Promise<T>;
  protected abstract renderData(data: T): TemplateResult | typeof nothing;

  constructor() {
    super();
    this.status = 'loading';
  }

  /** Its `lang` attribute, else the nearest ancestor's (the page's `<html lang>`), else French. */
  get language(): Lang {
    return langOf(this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
  }

  get t() {
    return texts(this.language);
  }

  get origin(): string {
    try {
      return this.api ? new URL(this.api).origin : MODULE_ORIGIN;
    } catch {
      return MODULE_ORIGIN;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated || this.inputs.some((name) => changed.has(name)) || changed.has('api')) void this.refresh();
  }

  /** Loads again; answers of an older load that arrive late are ignored. Never throws. */
  async refresh(): Promise<void> {
    const sequence = ++this.sequence;
    this.status = 'loading';
    try {
      const data = await this.load(this.origin);
      if (sequence !== this.sequence) return;
      this.data = data;
      this.failure = undefined;
      this.status = 'ready';
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.failure = error instanceof ApiError ? error : new ApiError('refused', String(error));
      this.status = 'error';
    }
    this.dispatchEvent(new CustomEvent(this.status === 'ready' ? 'maillage-ready' : 'maillage-error', { bubbles: true, composed: true }));
  }

  protected override render() {
    if (this.status === 'loading' && this.data === undefined) {
      return html`<div part="status" class="status" role="status">${this.t.loading}</div>`;
    }
    if (this.status === 'error') {
      return html`<div part="error" class="status error" role="alert">
        <p>${this.failure?.kind === 'refused' ? this.t.refused : this.t.error}</p>
        <button part="button" type="button" @click=${() => this.refresh()}>${this.t.retry}</button>
      </div>`;
    }
    return html`<div class=${this.status === 'loading' ? 'stale' : ''} aria-busy=${this.status === 'loading' ? 'true' : 'false'}>${this.renderData(this.data as T)}</div>`;
  }
}

/**
 * Theming: the host page sets --maillage-* custom properties on the element (or an ancestor) and
 * styles the exposed parts with ::part(); the font is the host's unless --maillage-font says otherwise.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    min-width: 0;
    max-width: 100%;
    container-type: inline-size;
    font-family: var(--maillage-font, inherit);
    font-size: var(--maillage-font-size, 1rem);
    line-height: 1.45;
    color: var(--maillage-color, #1f2933);
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  .frame {
    background: var(--maillage-background, #ffffff);
    border: 1px solid var(--maillage-border, #c9d1da);
    border-radius: var(--maillage-radius, 8px);
    padding: var(--maillage-padding, 1rem);
  }
  h2, h3, h4 { margin: 0 0 0.4em; line-height: 1.2; }
  h2 { font-size: 1.3em; }
  h3 { font-size: 1em; margin-top: 1em; }
  p { margin: 0 0 0.5em; }
  ul { margin: 0; padding-left: 1.2em; }
  li { margin: 0.15em 0; }
  a { color: var(--maillage-link, #1d4ed8); }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
    outline: 3px solid var(--maillage-focus, #f59e0b);
    outline-offset: 2px;
  }
  .muted { color: var(--maillage-muted, #4b5563); }
  .kind { color: var(--maillage-accent, #1e40af); font-weight: 600; font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.03em; margin: 0 0 0.2em; }
  .status { padding: 0.75em 1em; border: 1px dashed var(--maillage-border, #c9d1da); border-radius: var(--maillage-radius, 8px); color: var(--maillage-muted, #4b5563); }
  .error { border-style: solid; border-color: var(--maillage-error, #b42318); color: var(--maillage-error, #b42318); }
  .stale { opacity: 0.6; }
  button {
    font: inherit;
    cursor: pointer;
    color: var(--maillage-button-color, #ffffff);
    background: var(--maillage-accent, #1e40af);
    border: 0;
    border-radius: calc(var(--maillage-radius, 8px) / 2);
    padding: 0.35em 0.9em;
  }
  .sources { font-size: 0.85em; }
`;
