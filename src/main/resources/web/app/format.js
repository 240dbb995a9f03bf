/** Small formatting helpers for message metadata, and for showing names that others chose. */

// The bidirectional embedding, override and isolate controls (U+202A-202E, U+2066-2069): in a title they can make
// "...gpj.exe" show as "...exe.jpg". Titles, model names and file names are shown without them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text as it is, minus the bidirectional controls that would make it display as something else. */
export function displayName(text) {
  return text == null ? text : String(text).replace(BIDI_CONTROLS, '');
}

export function formatDuration(ms) {
  if (ms == null || !Number.isFinite(ms)) {
    return null;
  }
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "model · 312 tokens · 41.2 tok/s · TTFT 180 ms", leaving out what is unknown. */
export function answerMeta(message) {
  const parts = [];
  if (message.model) {
    parts.push(displayName(message.model));
  }
  const tokens = message.usage && message.usage.completionTokens;
  if (tokens != null) {
    parts.push(`${tokens} ${tokens === 1 ? 'token' : 'tokens'}`);
  }
  const timings = message.timings || {};
  if (timings.tokensPerSecond != null && Number.isFinite(timings.tokensPerSecond)) {
    parts.push(`${timings.tokensPerSecond.toFixed(1)} tok/s`);
  }
  const ttft = formatDuration(timings.ttftMs);
  if (ttft) {
    parts.push(`TTFT ${ttft}`);
  }
  return parts.join(' · ');
}

export const STATUS_LABELS = {
  stopped: 'Stopped',
  interrupted: 'Interrupted: the answer was cut off before it finished',
  error: 'Error',
};
