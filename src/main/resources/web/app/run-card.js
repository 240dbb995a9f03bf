import { displayName, formatDuration } from './format.js';

/**
 * The run card of an answer (its `runCard` in GET /api/conversations/{id}): how it was made, shown on demand under
 * the answer as a list of plain labels and values. Only what the card holds is listed. A speed says whether the
 * server measured it or Synin estimated it; chunks are listed as chunks, never as tokens. Values are set with
 * textContent: a model name or a stop sequence is never read as HTML.
 */

const STOP_REASONS = {
  stop: 'Finished (stop)',
  length: 'Reached Max tokens (length)',
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  error: 'Error',
};

function count(value) {
  return value == null ? null : Number(value).toLocaleString();
}

function tokens(value) {
  return value == null ? null : `${count(value)} ${value === 1 ? 'token' : 'tokens'}`;
}

function speed(card) {
  if (card.tokensPerSecond == null || !Number.isFinite(card.tokensPerSecond)) {
    return null;
  }
  const source = card.speedSource === 'server' ? 'server' : 'estimated';
  return `${card.tokensPerSecond.toFixed(1)} tokens/s (${source})`;
}

/** [label, value] pairs of what the card holds, in the order shown. */
export function runCardRows(card) {
  const sampling = card.sampling || {};
  const rows = [
    ['Model', card.model == null ? null : displayName(card.model)],
    ['Quantization', card.quantization == null ? null : displayName(card.quantization)],
    ['Context', tokens(card.contextLength)],
    ['Temperature', card.temperature],
    ['Max tokens', count(card.maxTokens)],
    ['Top P', sampling.topP],
    ['Top K', sampling.topK],
    ['Min P', sampling.minP],
    ['Repeat penalty', sampling.repeatPenalty],
    ['Seed', sampling.seed],
    ['Stop sequences', sampling.stop && sampling.stop.length ? sampling.stop.map((s) => JSON.stringify(s)).join(', ') : null],
    ['Time to first token', formatDuration(card.ttftMs)],
    ['Generation speed', speed(card)],
    ['Stop reason', card.stopReason == null ? null : STOP_REASONS[card.stopReason] || card.stopReason],
    ['Prompt tokens', count(card.promptTokens)],
    ['Cached prompt tokens', count(card.cachedPromptTokens)],
    ['Generated tokens', count(card.completionTokens)],
    ['Chunks received', count(card.chunks)],
  ];
  return rows.filter(([, value]) => value != null && value !== '').map(([label, value]) => [label, String(value)]);
}

/** The "Details" toggle and its (hidden) list, for an answer's view; filled by fillRunCard. */
export function runCardParts(button) {
  button.setAttribute('aria-expanded', 'false');
  const list = document.createElement('dl');
  list.className = 'run-card';
  list.dataset.testid = 'run-card';
  list.hidden = true;
  return list;
}

/** Shows the toggle only for an answer that has a card, and lists the card again when it changed. */
export function fillRunCard(button, list, card) {
  button.hidden = !card;
  if (!card) {
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  const key = JSON.stringify(card);
  if (list.dataset.key === key) {
    return;
  }
  list.dataset.key = key;
  list.replaceChildren(...runCardRows(card).flatMap(([label, value]) => {
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    detail.textContent = value;
    return [term, detail];
  }));
}

export function toggleRunCard(button, list) {
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  list.hidden = !open;
}
