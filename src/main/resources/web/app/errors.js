import { ApiError } from './api.js';
import { code } from './banner.js';

const DEFAULT_HINT = "Start LM Studio's server (Developer tab, then Start Server, or run `lms server start`).";

/** The offline banner: where Synin looked for LM Studio and how to start its server. */
export function offlineBanner(lmStudio, retry) {
  const where = lmStudio && lmStudio.baseUrl;
  if (lmStudio && lmStudio.status === 'key-refused') {
    // The server is up: saying "offline" would send the user to start a server that is running.
    return { kind: 'offline', title: 'LM Studio refused the API key.', detail: [lmStudio.error || '', ' ', lmStudio.hint || ''], retry };
  }
  return {
    kind: 'offline',
    title: 'LM Studio is offline.',
    detail: [
      'Synin cannot reach it at ', code(where || 'the configured URL'), '. ',
      (lmStudio && lmStudio.hint) || DEFAULT_HINT,
    ],
    retry,
  };
}

/** Turns any failure into the banner that explains it. */
export function errorBanner(error, retry, lmStudio) {
  const e = error instanceof ApiError
    ? error
    : new ApiError(0, 'internal_error', (error && error.message) || String(error));
  switch (e.code) {
    case 'lm_studio_unavailable':
      return offlineBanner(lmStudio, retry);
    case 'lm_studio_timeout':
      return { kind: 'error', title: 'LM Studio did not answer in time.', detail: [e.message, ' A model that is still loading can take a while; try again in a moment.'], retry };
    case 'rate_limited':
      return { kind: 'error', title: 'Too many requests.', detail: [e.message], retry, retryIn: e.retryAfter || 0 };
    case 'network_error':
      return { kind: 'network', title: 'Connection lost.', detail: [e.message], retry };
    case 'conflict':
      return { kind: 'error', title: 'An answer is already being written in this chat.', detail: [e.message], retry };
    case 'bad_request':
      return { kind: 'error', title: 'Synin refused this message.', detail: [e.message], retry: null };
    case 'payload_too_large':
      return { kind: 'error', title: 'That message is too long.', detail: [e.message], retry: null };
    case 'model_not_found':
      return { kind: 'error', title: 'Model not found.', detail: [e.message, ' Pick another model in Settings.'], retry };
    default:
      return { kind: 'error', title: 'Something went wrong.', detail: [e.message], retry };
  }
}
