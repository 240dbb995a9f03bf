import { api, path, streamChat, followAnswer, ApiError } from './api.js';
import { applyEvent, isFinal, START, DELTA, REASONING, USAGE, ERROR, PROGRESS } from './answer-events.js';

function message(role, content, extra = {}) {
  return { role, content, status: 'complete', ...extra };
}

/** What the page shows: one conversation (id null for a new chat) and its messages. */
export function newView(id) {
  return { id, conversation: null, messages: [], notFound: false, loading: false, editing: null };
}

/** Waits before following again after a dropped connection: quickly first, then backing off. */
const RESUME_DELAYS_MS = [100, 250, 500, 1000, 2000, 3000, 4000, 5000, 5000, 5000];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long the model thought: from its first reasoning to its first text, measured only on events that arrive live
 * in this page (a replay after a reload or a dropped connection would give a wrong figure, so none is kept).
 */
function timeThinking(answer, name) {
  if (name === START) {
    answer.reasoningSince = null;
    answer.thoughtMs = null;
  } else if (name === REASONING && answer.reasoningSince == null && !answer.content) {
    answer.reasoningSince = performance.now();
  } else if (name === DELTA && answer.content && answer.reasoningSince != null && answer.thoughtMs == null) {
    answer.thoughtMs = performance.now() - answer.reasoningSince;
  }
}

/**
 * The chat logic: sending, streaming, following, stop, regenerate, edit and loading. An answer lives on the
 * server: this page is one of its subscribers, follows it again after a reload or a dropped connection (from the
 * last event it saw, so nothing is missed or repeated), and follows answers started in other tabs. The page
 * (app.js) owns the DOM; it passes a ui object with render(), error(e, retry), started(view) and finished(view).
 */
export class Chat {
  constructor({ composer, settings, ui }) {
    this.composer = composer;
    this.settings = settings;
    this.ui = ui;
    this.view = newView(null);
    this.streams = new Set();
  }

  streamOf(view) {
    for (const stream of this.streams) {
      if (stream.view === view) {
        return stream;
      }
    }
    return null;
  }

  /** True while an answer is being written, by this page or (after a reload) by the server. */
  busy(view = this.view) {
    return Boolean(this.streamOf(view)) || view.messages.some((m) => m.status === 'streaming');
  }

  /** Shows a conversation; a conversation streaming in this page is shown from memory. */
  async show(id) {
    const running = [...this.streams].find((s) => s.view.id && s.view.id === id);
    this.view = running ? running.view : newView(id);
    if (id && !running) {
      await this.load(this.view);
    }
    return this.view;
  }

  async load(view) {
    view.loading = true;
    try {
      const conversation = await api.get(path`/api/conversations/${view.id}`);
      if (!this.streamOf(view)) {
        this.merge(view, conversation);
      }
      view.notFound = false;
    } catch (e) {
      if (e.status === 404) {
        view.notFound = true;
      } else if (view === this.view) {
        this.ui.error(e, () => this.reload(view));
      }
    } finally {
      view.loading = false;
    }
    if (view === this.view) {
      this.ui.render();
      this.followIfStreaming(view);
    }
  }

  reload(view) {
    if (view === this.view) {
      this.load(view);
    }
  }

  /** Takes the server's copy, updating known messages in place so their elements are kept. */
  merge(view, conversation) {
    const { messages = [], ...meta } = conversation;
    view.conversation = meta;
    const known = new Map(view.messages.filter((m) => m.id).map((m) => [m.id, m]));
    view.messages = messages
      .filter((m) => m.role !== 'system')
      .map((m) => (known.has(m.id) ? Object.assign(known.get(m.id), m) : { ...m }));
  }

  /** An answer the server is still writing (after a reload, or started in another tab) is followed live. */
  followIfStreaming(view) {
    const answer = view.messages[view.messages.length - 1];
    if (view !== this.view || this.streamOf(view) || !answer || answer.role !== 'assistant' || answer.status !== 'streaming') {
      return;
    }
    const stream = { view, assistant: answer, user: null, controller: new AbortController(), started: true, finished: false, lastId: null };
    this.streams.add(stream);
    this.ui.render();
    this.follow(stream).finally(() => this.settle(stream));
  }

  /**
   * Follows the stream's answer from the last event it saw until the answer ends, reconnecting after a dropped
   * connection. The server keeps generating meanwhile: only Stop ends an answer.
   */
  async follow(stream) {
    for (let attempt = 0; !stream.finished; attempt++) {
      try {
        await followAnswer(stream.view.id, stream.lastId, stream.controller.signal, (name, data, id) => this.onEvent(stream, name, data, id));
        if (stream.finished) {
          return;
        }
      } catch (e) {
        if (e.name === 'AbortError') {
          return;
        }
        if (e.status === 404 || e.status === 401 || e.status === 403) {
          stream.assistant.status = stream.assistant.status === 'streaming' ? 'interrupted' : stream.assistant.status;
          this.ui.error(e, () => this.reload(stream.view), 'Reload');
          return;
        }
      }
      if (attempt >= RESUME_DELAYS_MS.length) {
        stream.assistant.status = 'interrupted';
        if (stream.view === this.view) {
          this.ui.error(new ApiError(0, 'network_error', 'Synin could not be reached to follow this answer. It is still being written on the server.'),
            () => this.reload(stream.view), 'Reload');
        }
        return;
      }
      await sleep(RESUME_DELAYS_MS[attempt]);
    }
  }

  /** A followed stream is over: the server's copy has the title, final statuses and usage. */
  settle(stream) {
    const { view } = stream;
    this.streams.delete(stream);
    if (view === this.view) {
      this.ui.render();
    }
    this.ui.finished(view, stream.started);
    if (stream.started && view === this.view && !this.busy(view)) {
      this.load(view);
    }
  }

  send(text, files = []) {
    const view = this.view;
    const content = text.trim();
    if ((!content && !files.length) || this.busy(view) || view.notFound) {
      this.composer.tray?.restore(files);
      return;
    }
    const before = view.messages;
    const user = message('user', content, { attachments: files });
    view.messages = [...before, user];
    this.composer.value = '';
    const question = { role: 'user', content };
    if (files.length) {
      question.attachments = files.map((f) => f.id);
    }
    const body = { ...this.settings.forRequest(), messages: [question] };
    if (view.id) {
      body.conversationId = view.id;
      // The branch this page shows is the one to continue, even if another tab switched the conversation to another.
      const shown = before[before.length - 1];
      if (shown && shown.id) {
        body.parentMessageId = shown.id;
      }
    }
    this.run(view, body, {
      user,
      before,
      restoreText: content,
      restoreFiles: files,
      retry: () => this.send(this.composer.value.trim() ? this.composer.value : content, this.composer.tray ? this.composer.tray.take() : []),
    });
  }

  /**
   * Answers a question again, as a new version of its answer (the old one stays, a switcher goes between them):
   * the branch's last answer, or the named one (Retry of an answer that failed).
   */
  regenerate(answer = null) {
    const view = this.view;
    if (this.busy(view) || !view.id) {
      return;
    }
    const index = answer ? view.messages.indexOf(answer) : view.messages.length;
    const question = view.messages.slice(0, index).map((m) => m.role).lastIndexOf('user');
    if (question < 0 || (answer && !answer.id)) {
      return;
    }
    const before = view.messages;
    view.messages = before.slice(0, question + 1);
    const body = { ...this.settings.forRequest(), conversationId: view.id, regenerate: true, messages: [] };
    if (answer) {
      body.regenerateMessageId = answer.id;
    }
    this.run(view, body, { before, retry: () => this.regenerate(answer) });
  }

  /** Goes on with an answer that was cut off (Max tokens, Stop): the new text is appended to the same answer. */
  continueAnswer(answer) {
    const view = this.view;
    if (this.busy(view) || !view.id || !answer.id) {
      return;
    }
    const before = view.messages;
    const saved = { ...answer };
    const body = { ...this.settings.forRequest(), conversationId: view.id, continueMessageId: answer.id, messages: [] };
    this.run(view, body, { before, existing: answer, saved, retry: () => this.continueAnswer(answer) });
  }

  /** Shows another version of a message (step -1 or +1 among its siblings), and the branch below it seen last. */
  async showVersion(message, step) {
    const view = this.view;
    const versions = message.siblingIds || [];
    const target = versions[versions.indexOf(message.id) + step];
    if (!target || this.busy(view)) {
      return;
    }
    await this.showMessage(view, target);
  }

  /** Shows the branch that holds this message (a search hit, a version). */
  async showMessage(view, messageId) {
    try {
      const conversation = await api.put(path`/api/conversations/${view.id}/current`, { messageId });
      this.merge(view, conversation);
    } catch (e) {
      this.ui.error(e, () => this.showMessage(view, messageId));
    }
    if (view === this.view) {
      this.ui.render();
    }
  }

  /** A new conversation holding the branch up to this message; resolves to its id. */
  async fork(message) {
    try {
      const copy = await api.post(path`/api/conversations/${this.view.id}/fork`, { messageId: message.id });
      return copy.id;
    } catch (e) {
      this.ui.error(e, () => this.fork(message));
      return null;
    }
  }

  edit(original, text) {
    const view = this.view;
    const content = text.trim();
    const index = view.messages.indexOf(original);
    if (!content || this.busy(view) || !original.id || index < 0) {
      return;
    }
    const before = view.messages;
    const user = message('user', content);
    view.messages = [...before.slice(0, index), user];
    const body = {
      ...this.settings.forRequest(),
      conversationId: view.id,
      editMessageId: original.id,
      messages: [{ role: 'user', content }],
    };
    this.run(view, body, { user, before, editing: original, editText: content, retry: () => this.edit(original, content) });
  }

  async run(view, body, action) {
    let assistant;
    if (action.existing) {
      assistant = action.existing; // continued in place: its text comes back first, then the new text
      assistant.status = 'streaming';
      assistant.error = null;
    } else {
      assistant = message('assistant', '', { status: 'streaming', reasoning: '', model: body.model || null, waitingSince: performance.now() });
      view.messages = [...view.messages, assistant];
    }
    view.editing = null;
    const stream = { view, assistant, user: action.user, controller: new AbortController(), started: false, finished: false, lastId: null, live: true };
    this.streams.add(stream);
    this.ui.render();
    try {
      await streamChat(body, stream.controller.signal, (name, data, id) => this.onEvent(stream, name, data, id));
      if (!stream.finished) {
        throw new ApiError(0, 'network_error', 'The connection closed before the answer was finished.');
      }
    } catch (e) {
      if (stream.started && e.name !== 'AbortError' && view.id) {
        stream.live = false; // what follows may be replayed: no thinking time from it
        assistant.reasoningSince = null;
        await this.follow(stream); // the answer goes on on the server: pick it up where the connection dropped
      } else {
        this.failed(stream, action, e);
      }
    } finally {
      this.settle(stream);
    }
  }

  failed(stream, action, e) {
    const { view, assistant } = stream;
    if (!stream.started) {
      // Nothing was stored: undo, and give the typed text back.
      view.messages = action.before;
      if (action.existing) {
        Object.assign(action.existing, action.saved);
      }
      if (action.restoreText) {
        this.composer.restore(action.restoreText);
      }
      if (action.restoreFiles && action.restoreFiles.length) {
        this.composer.tray?.restore(action.restoreFiles);
      }
      if (action.editing) {
        view.editing = { message: action.editing, text: action.editText };
      }
      if (e.code === 'conflict') {
        // another tab is answering in this chat: show that answer instead of sending again
        this.ui.error(e, () => this.reload(view), 'Reload');
      } else if (e.name !== 'AbortError' && view === this.view) {
        this.ui.error(e, action.retry);
      }
    } else if (e.name === 'AbortError') {
      if (assistant.status === 'streaming') {
        assistant.status = 'stopped';
      }
    } else {
      assistant.status = 'interrupted';
      if (view === this.view) {
        this.ui.error(e, () => this.reload(view), 'Reload');
      }
    }
  }

  onEvent(stream, name, data, id) {
    const { view, assistant } = stream;
    if (!applyEvent(assistant, name, data)) {
      return;
    }
    if (stream.live) {
      timeThinking(assistant, name);
    }
    if (id) {
      stream.lastId = id;
    }
    if (name === START) {
      stream.started = true;
      if (!view.id) {
        view.id = data.conversationId;
        view.conversation = { id: data.conversationId, title: null };
      }
      if (stream.user && data.userMessageId) {
        stream.user.id = data.userMessageId;
      }
      this.ui.started(view);
    }
    if (isFinal(name)) {
      stream.finished = true;
      if (name === ERROR && view === this.view) {
        this.ui.error(new ApiError(200, assistant.error.code, assistant.error.message), () => this.regenerate());
      }
    }
    if (view === this.view) {
      if (name === DELTA || name === REASONING || name === USAGE || name === PROGRESS) {
        this.ui.update(assistant);
      } else {
        this.ui.render();
      }
    }
  }

  /** Stops the answer being written in the open conversation. */
  async stop() {
    const view = this.view;
    const stream = this.streamOf(view);
    if (stream && !stream.started) {
      stream.controller.abort();
      return;
    }
    if (!view.id) {
      return;
    }
    try {
      await api.post(path`/api/conversations/${view.id}/stop`);
    } catch (e) {
      if (!stream) {
        this.ui.error(e, () => this.stop());
        return;
      }
    }
    if (stream) {
      // The server ends the stream with done "stopped"; stop reading anyway if it does not.
      setTimeout(() => this.streams.has(stream) && stream.controller.abort(), 5000);
    } else {
      this.reload(view);
    }
  }
}
