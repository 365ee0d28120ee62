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

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  const key = getKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, 'network_error', `The service did not answer (${err.message}).`);
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    // empty or non-JSON body
  }
  if (!res.ok) {
    const e = data && data.error ? data.error : { code: `http_${res.status}`, message: res.statusText };
    throw new ApiError(res.status, e.code, e.message);
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
