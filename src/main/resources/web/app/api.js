import { SseParser } from './sse.js';

// Every request says who it is from: the server uses the header against cross-site requests.
const BASE_HEADERS = { 'X-Requested-With': 'synin' };

/** An API failure: the HTTP status (0 when Synin was not reached) and the server's error code. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

function networkError(cause) {
  const error = new ApiError(0, 'network_error', 'Synin could not be reached. Check your connection and that Synin is running.');
  error.cause = cause;
  return error;
}

function retryAfterSeconds(header) {
  if (!header) {
    return null;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.round(seconds));
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

async function errorFrom(response) {
  let code = `http_${response.status}`;
  let message = response.statusText || `The server answered ${response.status}.`;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
    }
  } catch {
    // not JSON (a proxy's error page): keep the status text
  }
  return new ApiError(response.status, code, message, retryAfterSeconds(response.headers.get('Retry-After')));
}

const unreachable = new Set();

/** Calls listener() each time a request could not reach Synin at all (no answer, not even an error). */
export function whenUnreachable(listener) {
  unreachable.add(listener);
}

async function send(method, path, body, extra = {}) {
  const headers = { ...BASE_HEADERS, Accept: 'application/json', ...extra.headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : extra.json !== undefined ? extra.json : JSON.stringify(body),
      signal: extra.signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    unreachable.forEach((listener) => listener());
    throw networkError(e);
  }
}

async function request(method, path, body, extra) {
  const response = await send(method, path, body, extra);
  if (!response.ok) {
    throw await errorFrom(response);
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Uploads one file (POST /api/attachments, multipart) and resolves to what Synin made of it. */
export async function uploadFile(file, signal) {
  const form = new FormData();
  form.append('file', file, file.name || 'pasted');
  let response;
  try {
    response = await fetch('/api/attachments', { method: 'POST', headers: { ...BASE_HEADERS, Accept: 'application/json' }, credentials: 'same-origin', body: form, signal });
  } catch (e) {
    throw e.name === 'AbortError' ? e : networkError(e);
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  return response.json();
}

/** The JSON API. Paths are built by the caller with {@link path}. */
export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  delete: (path) => request('DELETE', path),
  /** POST of a JSON document that is already text (a file the user picked), sent as it is. */
  postText: (path, json) => request('POST', path, {}, { json }),
  /** GET that returns the JSON body whatever the status, or rejects when the body is not JSON. */
  probe: async (path) => {
    const response = await send('GET', path);
    try {
      return await response.json();
    } catch {
      throw await errorFrom(response);
    }
  },
};

/** Builds a path, encoding each dynamic segment: path`/api/conversations/${id}`. */
export function path(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

async function readEvents(response, onEvent) {
  const parser = new SseParser((name, data, id) => {
    let payload;
    try {
      payload = JSON.parse(data);
    } catch {
      return; // not ours to interpret; a broken frame must not kill the answer
    }
    onEvent(name, payload, id);
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      parser.push(value);
    }
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw networkError(e);
  }
  parser.end();
}

/**
 * Posts a chat request and calls onEvent(name, data, id) for each server-sent event until the stream ends.
 * Rejects with an ApiError when the server refuses the request (before any event) or when the
 * connection drops, and with an AbortError when the signal aborts.
 */
export async function streamChat(body, signal, onEvent) {
  const response = await send('POST', '/api/chat/stream', body, { signal, headers: { Accept: 'text/event-stream' } });
  if (!response.ok) {
    throw await errorFrom(response);
  }
  await readEvents(response, onEvent);
}

/**
 * Follows the answer of a conversation from the server, whichever replica generates it: what came after the event
 * id `after` (all of it when null), then live until it ends. Resolves when the stream ends, like streamChat.
 */
export async function followAnswer(conversationId, after, signal, onEvent) {
  const query = after ? `?after=${encodeURIComponent(after)}` : '';
  const response = await send('GET', path`/api/conversations/${conversationId}/stream` + query, undefined,
    { signal, headers: { Accept: 'text/event-stream' } });
  if (!response.ok) {
    throw await errorFrom(response);
  }
  await readEvents(response, onEvent);
}
