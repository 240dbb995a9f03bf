/**
 * The events of an answer as the server sends them; mirrors dev.synin.chat.AnswerEvent. Each SSE event has the id
 * "<answerId>:<seq>", which is what a resuming page sends back as `after`.
 *
 * - start: {conversationId, userMessageId, assistantMessageId, model, historyTrimmed, droppedMessages, continued}; the
 *   text of the answer starts from empty again (a resumed stream that replays from the beginning begins with it; a
 *   continued answer's earlier text follows as its first delta)
 * - progress: {processed, total}: how much of the prompt the server has read (llama-server), before the first token
 * - reasoning, delta: {content}, appended
 * - usage: {promptTokens, completionTokens}
 * - done: {status, finishReason, usage, timings, reason}: the end (complete, stopped or interrupted)
 * - error: {error: {code, message}}: the end, in an error
 */
export const START = 'start';
export const REASONING = 'reasoning';
export const DELTA = 'delta';
export const USAGE = 'usage';
export const PROGRESS = 'progress';
export const DONE = 'done';
export const ERROR = 'error';

/** Whether the answer is over after this event. */
export function isFinal(name) {
  return name === DONE || name === ERROR;
}

/** Applies one event to the message object of the answer; returns false for an event it does not know. */
export function applyEvent(answer, name, data) {
  switch (name) {
    case START:
      answer.id = data.assistantMessageId;
      answer.model = data.model || answer.model;
      answer.content = '';
      answer.reasoning = '';
      answer.status = 'streaming';
      answer.finishReason = null;
      answer.progress = null;
      if (data.historyTrimmed) {
        const n = data.droppedMessages;
        answer.notice = `${n || 'Some'} earlier ${n === 1 ? 'message' : 'messages'} did not fit in the model's context and were left out.`;
      }
      return true;
    case DELTA:
      answer.content += data.content || '';
      return true;
    case REASONING:
      answer.reasoning = (answer.reasoning || '') + (data.content || '');
      return true;
    case USAGE:
      answer.usage = data;
      return true;
    case PROGRESS:
      answer.progress = { processed: data.processed, total: data.total };
      return true;
    case DONE:
      answer.status = data.status || 'complete';
      answer.finishReason = data.finishReason;
      answer.usage = data.usage || answer.usage;
      answer.timings = data.timings;
      if (data.reason) {
        answer.notice = data.reason;
      }
      return true;
    case ERROR:
      answer.status = 'error';
      answer.error = data.error || data;
      return true;
    default:
      return false;
  }
}
