/** Small formatting helpers for message metadata. */

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
    parts.push(message.model);
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
