import { renderMarkdown } from './markdown.js';
import { answerMeta, STATUS_LABELS } from './format.js';

function el(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

function actionButton(action, label, testid) {
  const button = el('button', 'message__action', { type: 'button', 'data-action': action, 'data-testid': testid });
  button.textContent = label;
  return button;
}

/**
 * Renders the message list. Each message object keeps its element in a WeakMap, so a streaming answer
 * only re-renders itself; Markdown is re-rendered only when the text changed.
 */
export class ChatView {
  constructor(log, scroller) {
    this.log = log;
    this.scroller = scroller;
    this.views = new WeakMap();
    this.dirty = new Set();
    this.frame = 0;
    this.stick = true;
    this.options = {};
    scroller.addEventListener('scroll', () => {
      this.stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    }, { passive: true });
  }

  /** Shows these messages; options: busy (an answer is running), editing {message, text}. */
  render(messages, options) {
    this.options = options;
    const lastAnswer = this.lastAssistantIndex(messages);
    const wanted = messages.map((message, index) => this.viewOf(message, index === lastAnswer));
    // Move only what changed: re-inserting every node would make screen readers announce it again.
    wanted.forEach((node, index) => {
      if (this.log.children[index] !== node) {
        this.log.insertBefore(node, this.log.children[index] || null);
      }
    });
    while (this.log.children.length > wanted.length) {
      this.log.lastElementChild.remove();
    }
    this.log.setAttribute('aria-busy', options.busy ? 'true' : 'false');
    this.scrollToEnd();
  }

  /** Re-renders one message at the next animation frame (tokens arrive faster than frames). */
  update(message) {
    this.dirty.add(message);
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => this.flush());
    }
  }

  flush() {
    this.frame = 0;
    for (const message of this.dirty) {
      const view = this.views.get(message);
      if (view) {
        this.fill(view, message, view.last);
      }
    }
    this.dirty.clear();
    this.scrollToEnd();
  }

  scrollToEnd(force = false) {
    if (force || this.stick) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
      this.stick = true;
    }
  }

  lastAssistantIndex(messages) {
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i].role === 'assistant') {
        return i;
      }
    }
    return -1;
  }

  viewOf(message, last) {
    let view = this.views.get(message);
    if (!view) {
      view = this.build(message);
      this.views.set(message, view);
    }
    this.fill(view, message, last);
    return view.root;
  }

  build(message) {
    const root = el('article', `message message--${message.role}`, { 'data-testid': 'message', 'data-role': message.role });
    const content = el('div', 'message__content');
    const view = { root, content, rendered: null, last: false };
    if (message.role === 'assistant') {
      view.thinking = el('details', 'thinking', { 'data-testid': 'message-thinking', hidden: '' });
      view.thinkingSummary = el('summary', 'thinking__summary');
      view.thinkingBody = el('div', 'thinking__body');
      view.thinking.append(view.thinkingSummary, view.thinkingBody);
      view.notice = el('p', 'message__notice', { hidden: '' });
      view.body = el('div', 'message__body markdown', { 'data-testid': 'message-body' });
      view.typing = el('div', 'typing', { 'data-testid': 'typing-indicator', role: 'status', 'aria-label': 'The model is thinking' });
      view.typing.append(el('span'), el('span'), el('span'));
      view.status = el('p', 'message__status', { 'data-testid': 'message-status', hidden: '' });
      view.meta = el('span', 'message__meta', { 'data-testid': 'message-meta' });
      view.actions = el('div', 'message__actions');
      view.actions.append(actionButton('copy-message', 'Copy', 'copy-message'), actionButton('regenerate', 'Regenerate', 'regenerate-button'));
      const footer = el('footer', 'message__footer');
      footer.append(view.meta, view.actions);
      content.append(view.thinking, view.notice, view.body, view.typing, view.status, footer);
    } else {
      view.body = el('div', 'message__bubble', { 'data-testid': 'message-body' });
      view.actions = el('div', 'message__actions');
      view.actions.append(actionButton('copy-message', 'Copy', 'copy-message'), actionButton('edit', 'Edit', 'edit-button'));
      content.append(view.body, view.actions);
    }
    root.append(content);
    return view;
  }

  fill(view, message, last) {
    view.last = last;
    const { root } = view;
    root.dataset.status = message.status || 'complete';
    if (message.id) {
      root.dataset.messageId = message.id;
    }
    const busy = Boolean(this.options.busy);
    if (message.role === 'assistant') {
      this.fillAnswer(view, message, last, busy);
    } else {
      this.fillQuestion(view, message, busy);
    }
  }

  fillQuestion(view, message, busy) {
    const editing = this.options.editing && this.options.editing.message === message;
    if (editing && !view.form) {
      view.form = this.editForm(this.options.editing.text);
      view.body.replaceWith(view.form);
      view.actions.hidden = true;
      view.form.querySelector('textarea').focus();
    } else if (!editing && view.form) {
      view.form.replaceWith(view.body);
      view.form = null;
      view.actions.hidden = false;
    }
    if (view.rendered !== message.content) {
      view.body.textContent = message.content; // the user's own text: shown as typed, never as HTML
      view.rendered = message.content;
    }
    // Editing needs the server's id, and no answer running.
    view.actions.querySelector('[data-action="edit"]').hidden = busy || !message.id;
  }

  editForm(text) {
    const form = el('form', 'edit-form', { 'data-testid': 'edit-form' });
    const label = el('label', 'visually-hidden', { for: 'edit-input' });
    label.textContent = 'Edit your message';
    const input = el('textarea', 'edit-form__input', { id: 'edit-input', 'data-testid': 'edit-input', rows: '3' });
    input.value = text;
    const buttons = el('div', 'edit-form__buttons');
    const cancel = el('button', 'button button--ghost', { type: 'button', 'data-action': 'cancel-edit' });
    cancel.textContent = 'Cancel';
    const save = el('button', 'button', { type: 'submit', 'data-testid': 'edit-save' });
    save.textContent = 'Send';
    buttons.append(cancel, save);
    form.append(label, input, buttons);
    return form;
  }

  fillAnswer(view, message, last, busy) {
    const streaming = message.status === 'streaming';
    if (view.rendered !== message.content) {
      view.body.replaceChildren(renderMarkdown(message.content));
      view.rendered = message.content;
    }
    const reasoning = message.reasoning || '';
    view.thinking.hidden = !reasoning;
    if (reasoning && view.thinkingBody.textContent !== reasoning) {
      view.thinkingBody.textContent = reasoning;
    }
    const thinkingNow = streaming && !message.content;
    view.thinking.classList.toggle('thinking--live', thinkingNow);
    view.thinkingSummary.textContent = thinkingNow ? 'Thinking…' : 'Thinking';
    view.notice.hidden = !message.notice;
    view.notice.textContent = message.notice || '';
    view.typing.hidden = !(streaming && !message.content && !reasoning);
    const label = STATUS_LABELS[message.status];
    view.status.hidden = !label;
    if (label) {
      const detail = message.error && message.error.message;
      view.status.textContent = message.status === 'error' && detail ? `${label}: ${detail}` : label;
    }
    view.meta.textContent = streaming ? '' : answerMeta(message);
    view.actions.hidden = streaming;
    view.actions.querySelector('[data-action="regenerate"]').hidden = !last || busy;
  }
}
