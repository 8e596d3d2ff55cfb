import type { PageResponse } from '../router.js';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const styles = `
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input, select { font: inherit; padding: .5rem; width: 100%; box-sizing: border-box; }
  button { font: inherit; margin-top: 1rem; padding: .6rem 1.2rem; cursor: pointer; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #635bff; outline-offset: 2px; }
  [role="alert"] { color: #b00020; font-weight: 600; margin-top: 1rem; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
  section { border: 1px solid #ddd; border-radius: 8px; padding: 1rem; margin-top: 1rem; }
`;

export function htmlPage(title: string, body: string, status = 200): PageResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${styles}</style></head>
<body><main>
${body}
</main></body>
</html>`,
  };
}

export function redirect(location: string): PageResponse {
  return { status: 303, headers: { location }, body: '' };
}

export function jsonResponse(status: number, body: unknown): PageResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) };
}

export function formString(form: Record<string, unknown>, key: string): string {
  const value = form[key];
  return typeof value === 'string' ? value : '';
}
