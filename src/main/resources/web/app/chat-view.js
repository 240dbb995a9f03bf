import { StreamRender } from './stream-render.js';
import { attachmentList } from './attachments.js';
import { answerMeta, CUT_OFF_LABEL, fullTime, shortTime, STATUS_LABELS, thoughtLabel } from './format.js';
import { fillRunCard, runCardParts, toggleRunCard } from './run-card.js';

/** A question longer than this is shown collapsed, with Show more. */
const LONG_QUESTION_CHARS = 600;
const LONG_QUESTION_LINES = 12;

/** Within this many pixels of the end, the log counts as scrolled to the end and follows new text. */
const NEAR_END_PX = 80;

export function isLongQuestion(text) {
  return text.length > LONG_QUESTION_CHARS || text.split('\n').length > LONG_QUESTION_LINES;
}

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

/** "‹ 2/3 ›" under a message that has other versions (answers given again, edited questions). */
function versionSwitcher() {
  const root = el('span', 'versions', { 'data-testid': 'versions', hidden: '' });
  const previous = el('button', 'versions__step', { type: 'button', 'data-action': 'version-previous', 'data-testid': 'version-previous', 'aria-label': 'Previous version' });
  previous.textContent = '‹';
  const label = el('span', 'versions__label', { 'data-testid': 'version-label' });
  const next = el('button', 'versions__step', { type: 'button', 'data-action': 'version-next', 'data-testid': 'version-next', 'aria-label': 'Next version' });
  next.textContent = '›';
  root.append(previous, label, next);
  return root;
}

function fillVersions(switcher, message, busy) {
  const versions = message.siblingIds || [];
  const index = versions.indexOf(message.id);
  switcher.hidden = versions.length < 2 || index < 0;
  if (switcher.hidden) {
    return;
  }
  switcher.querySelector('.versions__label').textContent = `${index + 1}/${versions.length}`;
  switcher.setAttribute('aria-label', `Version ${index + 1} of ${versions.length}`);
  switcher.querySelector('[data-action="version-previous"]').disabled = busy || index === 0;
  switcher.querySelector('[data-action="version-next"]').disabled = busy || index === versions.length - 1;
}

/** An answer that stopped before its end can go on: cut by Max tokens, stopped, interrupted. */
export function canContinue(message) {
  return Boolean(message.id && message.content) && (message.finishReason === 'length'
    || message.status === 'stopped' || message.status === 'interrupted');
}

/**
 * Renders the message list. Each message object keeps its element in a WeakMap, so a streaming answer
 * only re-renders itself, and of its Markdown only the last block (stream-render.js). The log follows new text
 * while it is scrolled to the end; scrolled up, it stays put and offers a button back to the end.
 */
export class ChatView {
  constructor(log, scroller, jumpButton) {
    this.log = log;
    this.scroller = scroller;
    this.jumpButton = jumpButton;
    this.views = new WeakMap();
    this.dirty = new Set();
    this.frame = 0;
    this.stick = true;
    this.options = {};
    scroller.addEventListener('scroll', () => {
      this.stick = this.distanceToEnd() < NEAR_END_PX;
      this.showJump();
    }, { passive: true });
    jumpButton.addEventListener('click', () => this.scrollToEnd(true));
    log.addEventListener('click', (event) => {
      const toggle = event.target.closest('button[data-action="toggle-question"]');
      if (toggle) {
        this.toggleQuestion(toggle);
      }
      const details = event.target.closest('button[data-action="toggle-run-card"]');
      if (details) {
        toggleRunCard(details, details.closest('article').querySelector('.run-card'));
      }
    });
  }

  distanceToEnd() {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight;
  }

  /** The button back to the end, shown while the log is scrolled up from it. */
  showJump() {
    this.jumpButton.hidden = this.stick || this.distanceToEnd() < NEAR_END_PX;
  }

  /** The next render goes to the end, wherever the log is scrolled: the user just sent something. */
  followNext() {
    this.stick = true;
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
    this.showJump();
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
      view.waiting = el('span', 'typing__elapsed', { 'data-testid': 'waiting-time' });
      view.typing.append(view.waiting);
      view.status = el('p', 'message__status', { 'data-testid': 'message-status', hidden: '' });
      view.meta = el('span', 'message__meta', { 'data-testid': 'message-meta' });
      view.time = el('time', 'message__time', { 'data-testid': 'message-time', hidden: '' });
      view.actions = el('div', 'message__actions');
      view.actions.append(actionButton('copy-message', 'Copy', 'copy-message'), actionButton('regenerate', 'Regenerate', 'regenerate-button'),
        actionButton('retry', 'Retry', 'retry-button'), actionButton('continue', 'Continue', 'continue-button'),
        actionButton('fork', 'Branch', 'fork-button'), actionButton('toggle-run-card', 'Details', 'run-card-button'));
      view.actions.querySelector('[data-action="fork"]').title = 'Branch into a new chat from here';
      view.cardButton = view.actions.querySelector('[data-action="toggle-run-card"]');
      view.cardButton.title = 'How this answer was made: model, settings sent, speed';
      view.card = runCardParts(view.cardButton);
      view.versions = versionSwitcher();
      const footer = el('footer', 'message__footer');
      const about = el('span', 'message__about');
      about.append(view.versions, view.time, view.meta);
      footer.append(about, view.actions);
      content.append(view.thinking, view.notice, view.body, view.typing, view.status, footer, view.card);
    } else {
      view.body = el('div', 'message__bubble', { 'data-testid': 'message-body' });
      view.more = el('button', 'message__more', { type: 'button', 'data-action': 'toggle-question', 'data-testid': 'show-more', 'aria-expanded': 'false', hidden: '' });
      view.more.textContent = 'Show more';
      view.time = el('time', 'message__time', { 'data-testid': 'message-time', hidden: '' });
      view.actions = el('div', 'message__actions');
      view.actions.append(actionButton('copy-message', 'Copy', 'copy-message'), actionButton('edit', 'Edit', 'edit-button'),
        actionButton('fork', 'Branch', 'fork-button'));
      view.actions.querySelector('[data-action="fork"]').title = 'Branch into a new chat from here';
      view.versions = versionSwitcher();
      const footer = el('div', 'message__footer message__footer--question');
      footer.append(view.versions, view.time, view.actions);
      view.files = el('div', 'message__files', { hidden: '' });
      content.append(view.files, view.body, view.more, footer);
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
    this.fillTime(view, message);
    if (message.role === 'assistant') {
      this.fillAnswer(view, message, last, busy);
    } else {
      this.fillQuestion(view, message, busy);
    }
  }

  /** When the server stored the message (createdAt); hidden until it is known. */
  fillTime(view, message) {
    const label = shortTime(message.createdAt);
    view.time.hidden = !label;
    if (label && view.time.dateTime !== message.createdAt) {
      view.time.dateTime = message.createdAt;
      view.time.textContent = label;
      view.time.title = fullTime(message.createdAt);
    }
  }

  fillQuestion(view, message, busy) {
    const editing = this.options.editing && this.options.editing.message === message;
    if (editing && !view.form) {
      view.form = this.editForm(this.options.editing.text);
      view.body.replaceWith(view.form);
      view.actions.hidden = true;
      view.more.hidden = true;
      const input = view.form.querySelector('textarea');
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    } else if (!editing && view.form) {
      view.form.replaceWith(view.body);
      view.form = null;
      view.actions.hidden = false;
    }
    if (view.rendered !== message.content) {
      view.body.textContent = message.content; // the user's own text: shown as typed, never as HTML
      view.rendered = message.content;
      const long = isLongQuestion(message.content);
      view.body.classList.toggle('message__bubble--collapsed', long);
      view.more.setAttribute('aria-expanded', 'false');
      view.more.textContent = 'Show more';
      view.long = long;
    }
    if (!view.form) {
      view.more.hidden = !view.long;
    }
    const files = message.attachments || [];
    const filesKey = files.map((f) => f.id).join(',');
    if (view.filesKey !== filesKey) {
      view.filesKey = filesKey;
      view.files.replaceChildren(...(files.length ? [attachmentList(files)] : []));
      view.files.hidden = !files.length;
    }
    view.body.hidden = !message.content && files.length > 0;
    // Editing needs the server's id, and no answer running.
    view.actions.querySelector('[data-action="edit"]').hidden = busy || !message.id;
    view.actions.querySelector('[data-action="fork"]').hidden = busy || !message.id;
    fillVersions(view.versions, message, busy);
  }

  toggleQuestion(button) {
    const bubble = button.parentNode.querySelector('.message__bubble');
    const expand = button.getAttribute('aria-expanded') !== 'true';
    bubble.classList.toggle('message__bubble--collapsed', !expand);
    button.setAttribute('aria-expanded', String(expand));
    button.textContent = expand ? 'Show less' : 'Show more';
    if (!expand) {
      button.closest('article').scrollIntoView({ block: 'nearest' }); // back to where the question starts
    }
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

  /**
   * While the server reads the prompt (no token yet), how long it has been: a long prompt on a small machine takes
   * a while, and a figure that grows says nothing is stuck. Updated four times a second while an answer waits.
   */
  fillWaiting(view, message) {
    const since = message.waitingSince ?? (message.createdAt ? Date.parse(message.createdAt) - Date.now() + performance.now() : null);
    const waiting = !view.typing.hidden && since != null;
    const seconds = waiting ? Math.floor((performance.now() - since) / 1000) : 0;
    const progress = message.progress && message.progress.total ? Math.floor((100 * message.progress.processed) / message.progress.total) : null;
    const parts = [progress !== null ? `${progress}%` : '', seconds >= 1 ? `${seconds} s` : ''].filter(Boolean);
    view.waiting.textContent = waiting && parts.length ? `Reading your prompt… ${parts.join(' · ')}` : '';
    if (waiting && !this.waitTicker) {
      this.waitTicker = setInterval(() => {
        let any = false;
        for (const child of this.log.children) {
          const entry = this.waitingViews && this.waitingViews.get(child);
          if (entry && !entry.view.typing.hidden) {
            any = true;
            this.fillWaiting(entry.view, entry.message);
          }
        }
        if (!any) {
          clearInterval(this.waitTicker);
          this.waitTicker = 0;
        }
      }, 250); // a quarter second: the figure turns over close to each whole second
    }
    if (waiting) {
      this.waitingViews = this.waitingViews || new WeakMap();
      this.waitingViews.set(view.root, { view, message });
    }
  }

  fillAnswer(view, message, last, busy) {
    const streaming = message.status === 'streaming';
    view.markdown = view.markdown || new StreamRender(view.body);
    view.markdown.show(message.content, streaming); // while it streams, only its last block is drawn again
    const reasoning = message.reasoning || '';
    view.thinking.hidden = !reasoning;
    if (reasoning && view.thinkingBody.textContent !== reasoning) {
      view.thinkingBody.textContent = reasoning;
    }
    const thinkingNow = streaming && !message.content;
    view.thinking.classList.toggle('thinking--live', thinkingNow);
    // How long it thought is known only when this page saw the reasoning start and the answer start live.
    view.thinkingSummary.textContent = thinkingNow ? 'Thinking…' : thoughtLabel(message.thoughtMs);
    view.notice.hidden = !message.notice;
    view.notice.textContent = message.notice || '';
    view.typing.hidden = !(streaming && !message.content && !reasoning);
    this.fillWaiting(view, message);
    const cutOff = message.status === 'complete' && message.finishReason === 'length';
    const label = cutOff ? CUT_OFF_LABEL : STATUS_LABELS[message.status];
    view.status.hidden = !label;
    if (label) {
      const detail = message.error && message.error.message;
      view.status.textContent = message.status === 'error' && detail ? `${label}: ${detail}` : label;
    }
    const meta = streaming ? '' : answerMeta(message);
    if (view.meta.textContent !== meta) {
      // Each part in one piece: on a phone the line wraps between "12 tokens" and "TTFT 36 ms", never inside them.
      view.meta.replaceChildren(...meta.split(' · ').filter(Boolean).flatMap((part, i) => {
        const span = el('span', 'message__meta-part');
        span.textContent = part;
        return i ? [' · ', span] : [span];
      }));
    }
    view.actions.hidden = streaming;
    view.actions.querySelector('[data-action="regenerate"]').hidden = !last || busy || message.status === 'error';
    view.actions.querySelector('[data-action="retry"]').hidden = busy || message.status !== 'error' || !message.id;
    view.actions.querySelector('[data-action="continue"]').hidden = !last || busy || !canContinue(message);
    view.actions.querySelector('[data-action="fork"]').hidden = busy || !message.id;
    fillRunCard(view.cardButton, view.card, message.runCard);
    fillVersions(view.versions, message, busy);
  }
}
