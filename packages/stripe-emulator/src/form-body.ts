export type FormValue = string | FormValue[] | FormObject;
export type FormObject = { [key: string]: FormValue };

/**
 * Parses `application/x-www-form-urlencoded` with Stripe's bracket notation into nested values:
 * `items[0][price]=p` → `{ items: [{ price: 'p' }] }`, `expand[]=a` → `{ expand: ['a'] }`.
 * Objects whose keys are all integers become arrays, in index order.
 */
export function parseFormBody(body: string): FormObject {
  const root: FormObject = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = safeDecode(rawKey);
    const value = safeDecode(rawValue);
    assign(root, keyPath(key), value);
  }
  return normalizeArrays(root) as FormObject;
}

/** Decodes `+` and `%xx`; a malformed escape is kept as written rather than failing the request. */
export function safeDecode(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const path = [key.slice(0, first)];
  for (const match of key.slice(first).matchAll(/\[([^\]]*)\]/g)) path.push(match[1] ?? '');
  return path;
}

const appendMarker = '\u0000append';

function assign(target: FormObject, path: string[], value: string): void {
  let node: FormObject = target;
  for (let i = 0; i < path.length; i++) {
    let segment = path[i] ?? '';
    const last = i === path.length - 1;
    if (segment === '') segment = `${appendMarker}${Object.keys(node).length}`;
    if (last) {
      node[segment] = value;
      return;
    }
    const existing = node[segment];
    if (existing === undefined || typeof existing === 'string' || Array.isArray(existing)) {
      const child: FormObject = {};
      node[segment] = child;
      node = child;
    } else {
      node = existing;
    }
  }
}

function normalizeArrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const normalized: FormObject = {};
  for (const key of keys) normalized[key] = normalizeArrays(value[key] as FormValue);
  const isList = keys.length > 0 && keys.every((key) => /^\d+$/.test(key) || key.startsWith(appendMarker));
  if (!isList) return normalized;
  const index = (key: string) => Number(key.startsWith(appendMarker) ? key.slice(appendMarker.length) : key);
  return keys.sort((a, b) => index(a) - index(b)).map((key) => normalized[key] as FormValue);
}

export function parseQueryString(search: string): FormObject {
  return parseFormBody(search.startsWith('?') ? search.slice(1) : search);
}

/** The v2 API sends JSON; its values are read the same way as form values (as strings). */
export function formFromJson(value: unknown): FormValue {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(formFromJson);
  if (typeof value === 'object') {
    const result: FormObject = {};
    for (const [key, entry] of Object.entries(value)) result[key] = formFromJson(entry);
    return result;
  }
  return String(value);
}
