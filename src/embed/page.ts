import { createHash } from 'node:crypto';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The pages' one stylesheet, inline and allowed by its hash in the CSP (no 'unsafe-inline'). */
const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; padding: 0.5rem; color: #1f2933; background: #ffffff; }
  body.gallery { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; line-height: 1.5; }
  .gallery section.widget { border-top: 1px solid #c9d1da; padding-top: 1rem; margin-top: 2rem; }
  .gallery .demo { margin: 1rem 0; }
  .gallery pre { background: #f3f5f8; border: 1px solid #c9d1da; border-radius: 6px; padding: 0.75rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; }
  .gallery table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  .gallery th, .gallery td { border-bottom: 1px solid #dde3ea; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  .gallery code { font-size: 0.9em; }
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

/**
 * CSP of maillage's own widget pages: scripts and requests to maillage only, no eval, the inline
 * stylesheet by hash; `frameAncestors` is `*` for embed pages (any site may frame them) and 'none'
 * for the gallery.
 */
export function pageCsp(frameAncestors: '*' | "'none'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    `style-src ${STYLE_HASH}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function htmlPage(options: { lang: string; title: string; script: string; body: string; bodyClass?: string; embed?: boolean }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}"${options.embed ? ' data-maillage-embed' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
<script type="module" src="${escapeHtml(options.script)}"></script>
</head>
<body${options.bodyClass ? ` class="${options.bodyClass}"` : ''}>
${options.body}
</body>
</html>
`;
}
