import { fileFacts } from './attachments.js';

/** What a vision encoder typically makes of a scaled image (the server's own count arrives with the answer). */
const TOKENS_PER_IMAGE = 768;
const WARN_AT = 0.85;

const estimate = (text) => Math.ceil((text || '').length / 4);
const number = (n) => Number(n).toLocaleString('en-US');

/**
 * How full the model's context is, under the message box: the tokens the branch shown will send (the last answer's
 * prompt and completion tokens as the server counted them, plus an estimate for what came after and for the new
 * text and files) against the model's context window (the loaded context length when the server says it). Warns
 * before a send that would not fit; the server then leaves the oldest messages out, or refuses a question that
 * cannot fit alone.
 */
export class ContextMeter {
  constructor(root) {
    this.root = root;
  }

  /** @param model the chosen model as /api/models lists it (null: unknown) */
  update({ messages, text, files, model }) {
    const window = model && (model.contextLength || model.loadedContextLength || model.maxContextLength);
    if (!window) {
      this.root.hidden = true;
      return;
    }
    let counted = 0;
    let from = 0;
    for (let i = messages.length - 1; i >= 0; i--) {
      const usage = messages[i].role === 'assistant' && messages[i].usage;
      if (usage && usage.promptTokens) {
        counted = usage.promptTokens + (usage.completionTokens || 0);
        from = i + 1;
        break;
      }
    }
    let estimated = 0;
    for (const message of messages.slice(from)) {
      estimated += estimate(message.content);
    }
    estimated += estimate(text);
    for (const file of files) {
      estimated += file.kind === 'image' ? TOKENS_PER_IMAGE : Math.ceil((file.chars || 0) / 4);
    }
    const total = counted + estimated;
    const share = total / window;
    this.root.hidden = total === 0;
    this.root.dataset.level = share > 1 ? 'over' : share > WARN_AT ? 'high' : 'ok';
    this.root.dataset.tokens = String(total);
    const exact = estimated === 0 ? '' : counted ? ' (partly estimated)' : ' (estimated)';
    let line = `Context: about ${number(total)} of ${number(window)} tokens${exact}`;
    if (share > 1) {
      line += ` — this will not fit in ${model.id}'s context: the oldest messages will be left out, and a message that cannot fit alone is refused.`;
    } else if (share > WARN_AT) {
      line += ' — nearly full: the oldest messages will soon be left out.';
    }
    this.root.textContent = line;
    this.root.title = files.length ? `Files: ${files.map(fileFacts).join(', ')}` : '';
  }
}
