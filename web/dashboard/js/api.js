// API calls with the analyst key. The key lives in sessionStorage only (gone when the tab
// closes) and travels in the Authorization header, never in a URL. Request bodies carry
// anything sensitive (verdict notes, file paths); URLs carry only account, cluster and job ids.

const KEY = 'distill-guard.api-key';

export const getKey = () => sessionStorage.getItem(KEY) ?? '';
export const setKey = (key) => sessionStorage.setItem(KEY, key);
export const forgetKey = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function send(path, { method = 'GET', body, raw, accept = 'application/json' }) {
  const headers = { accept };
  const key = getKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (raw !== undefined) headers['content-type'] = 'application/octet-stream';
  try {
    return await fetch(path, {
      method,
      headers,
      cache: 'no-store',
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch (err) {
    throw new ApiError(0, 'network_error', `The service did not answer (${err.message}).`);
  }
}

async function failure(res) {
  let data = null;
  try {
    data = await res.json();
  } catch {
    // empty or non-JSON body
  }
  const e = data && data.error ? data.error : { code: `http_${res.status}`, message: res.statusText };
  return new ApiError(res.status, e.code, e.message);
}

/** A file (a Blob) as the raw request body, e.g. a history upload. */
export async function upload(path, file) {
  const res = await send(path, { method: 'POST', raw: file });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** A non-JSON response as a Blob (e.g. a job's accounts JSONL), fetched with the key. */
export async function download(path) {
  const res = await send(path, { accept: '*/*' });
  if (!res.ok) throw await failure(res);
  return res.blob();
}

export async function api(path, { method = 'GET', body } = {}) {
  const res = await send(path, { method, body });
  if (!res.ok) throw await failure(res);
  let data = null;
  try {
    data = await res.json();
  } catch {
    // empty body
  }
  return data;
}

/** Like api(), but a 404 (a route not deployed or an object not found) resolves to null. */
export async function apiOptional(path, opts) {
  try {
    return await api(path, opts);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export const enc = encodeURIComponent;
