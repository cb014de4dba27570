/** One operation of an OpenAPI document as the reference page lists it. */
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The reference page: every operation of the OpenAPI document, grouped by tag, with its answers; no script, no CDN (pure). */
export function referencePage(document: {
  info: { title: string; version: string };
  paths?: Record<string, Record<string, Operation> | undefined>;
}): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      const answers = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><code>${status}</code> ${escape(r.description ?? '')}</li>`)
        .join('');
      const html =
        `<section><h3><code>${method.toUpperCase()} ${escape(path)}</code> — ${escape(op.summary ?? '')}</h3>` +
        (op.description ? `<p>${escape(op.description)}</p>` : '') +
        (op.security ? '<p><em>Authorization: Bearer &lt;token&gt; (or a signed-in session)</em></p>' : '') +
        `<ul>${answers}</ul></section>`;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join('')}`).join('');
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}' +
    'section{border-top:1px solid #ddd;padding:.5rem 0}code{background:#f4f4f4;padding:0 .2rem}</style></head><body>' +
    `<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>` +
    '<p>Tài liệu tham chiếu API (API reference). The machine-readable document: <a href="/openapi.json">/openapi.json</a>. ' +
    'Errors are <code>application/problem+json</code> (RFC 9457).</p>' +
    `${sections}</body></html>`
  );
}
