// The console's only way to the cluster: the REST API next to it (same origin, the browser's BASIC login).

const BASE = new URL('api/', document.baseURI);

/** An answer the API refused: its status and, when it sent one, its JSON error body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? `${status} ${body.error}: ${body.message}` : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-Roger-Request'] = '1'; // every change carries it (the API's cross-site guard)
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(new URL(path.replace(/^\//, ''), BASE), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
  });
  const text = await r.text();
  let json = null;
  if (text && (r.headers.get('Content-Type') || '').includes('json')) {
    json = JSON.parse(text);
  }
  if (!r.ok) {
    throw new ApiError(r.status, json);
  }
  return json;
}

export const get = (path) => send('GET', path);
export const post = (path, body) => send('POST', path, body);
export const put = (path, body) => send('PUT', path, body);
export const del = (path) => send('DELETE', path);

/** Encodes one path segment (partition, queue, node and job names). */
export const seg = (s) => encodeURIComponent(s);

/** A query string from an object, skipping empty values; arrays repeat the key. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null && String(one).trim() !== '') {
        q.append(k, String(one).trim());
      }
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
