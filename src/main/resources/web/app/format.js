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

/** An answer that ended because it reached Max tokens: it can be continued. */
export const CUT_OFF_LABEL = 'Cut off: the answer reached its token limit (Max tokens)';

export const STATUS_LABELS = {
  stopped: 'Stopped',
  interrupted: 'Interrupted: the answer was cut off before it finished',
  error: 'Error',
};

/**
 * A title as plain text: titles are the first question, often written in Markdown. Drops heading, quote and list
 * markers, emphasis and code marks, keeps a link's text; what is left is shown with textContent, never as HTML.
 */
export function plainTitle(text) {
  if (text == null) {
    return text;
  }
  return displayName(text)
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/`+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:05" today, "3 Dec, 14:05" on another day; null for a missing or unreadable date. */
export function shortTime(iso, now = new Date()) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return null;
  }
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (sameDay(date, now)) {
    return time;
  }
  const options = date.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return `${date.toLocaleDateString([], options)}, ${time}`;
}

/** The full local date and time, for a tooltip. */
export function fullTime(iso) {
  const date = new Date(iso);
  return date.toLocaleString([], { dateStyle: 'full', timeStyle: 'medium' });
}

export const DATE_GROUPS = ['Today', 'Yesterday', 'Previous 7 days', 'Older'];

/** Which DATE_GROUPS entry a conversation last changed at this instant falls in, by the local calendar. */
export function dateGroup(iso, now = new Date()) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return 'Older';
  }
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const startOfYesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  const startOfWeek = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7);
  if (date >= startOfToday) {
    return 'Today';
  }
  if (date >= startOfYesterday) {
    return 'Yesterday';
  }
  return date >= startOfWeek ? 'Previous 7 days' : 'Older';
}

/** "Thought for 12 s" (one decimal under 10 s); "Thought" when how long is not known. */
export function thoughtLabel(ms) {
  if (ms == null || !Number.isFinite(ms) || ms < 0) {
    return 'Thought';
  }
  const seconds = ms / 1000;
  return `Thought for ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}
