import { api, path, streamChat, ApiError } from './api.js';

function message(role, content, extra = {}) {
  return { role, content, status: 'complete', ...extra };
}

/** What the page shows: one conversation (id null for a new chat) and its messages. */
export function newView(id) {
  return { id, conversation: null, messages: [], notFound: false, loading: false, editing: null };
}

/**
 * The chat logic: sending, streaming, stop, regenerate, edit, loading and polling. The page (app.js)
 * owns the DOM; it passes a ui object with render(), error(e, retry), started(view) and finished(view).
 */
export class Chat {
  constructor({ composer, settings, ui }) {
    this.composer = composer;
    this.settings = settings;
    this.ui = ui;
    this.view = newView(null);
    this.streams = new Set();
    this.pollTimer = 0;
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
    this.stopPolling();
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
      this.pollWhileStreaming(view);
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

  /** After a reload, an answer the server is still writing is followed by polling. */
  pollWhileStreaming(view) {
    this.stopPolling();
    if (view !== this.view || this.streamOf(view) || !view.messages.some((m) => m.status === 'streaming')) {
      return;
    }
    this.pollTimer = setTimeout(async () => {
      try {
        const conversation = await api.get(path`/api/conversations/${view.id}`);
        if (view === this.view && !this.streamOf(view)) {
          this.merge(view, conversation);
          this.ui.render();
        }
      } catch (e) {
        if (e.status === 404) {
          view.notFound = true;
          this.ui.render();
          return;
        }
      }
      this.pollWhileStreaming(view);
    }, 1000);
  }

  stopPolling() {
    clearTimeout(this.pollTimer);
    this.pollTimer = 0;
  }

  send(text) {
    const view = this.view;
    const content = text.trim();
    if (!content || this.busy(view) || view.notFound) {
      return;
    }
    const before = view.messages;
    const user = message('user', content);
    view.messages = [...before, user];
    this.composer.value = '';
    const body = { ...this.settings.forRequest(), messages: [{ role: 'user', content }] };
    if (view.id) {
      body.conversationId = view.id;
    }
    this.run(view, body, {
      user,
      before,
      restoreText: content,
      retry: () => this.send(this.composer.value.trim() ? this.composer.value : content),
    });
  }

  regenerate() {
    const view = this.view;
    if (this.busy(view) || !view.id) {
      return;
    }
    const lastUser = view.messages.map((m) => m.role).lastIndexOf('user');
    if (lastUser < 0) {
      return;
    }
    const before = view.messages;
    view.messages = before.slice(0, lastUser + 1);
    const body = { ...this.settings.forRequest(), conversationId: view.id, regenerate: true, messages: [] };
    this.run(view, body, { before, retry: () => this.regenerate() });
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
    const assistant = message('assistant', '', { status: 'streaming', reasoning: '', model: body.model || null });
    view.messages = [...view.messages, assistant];
    view.editing = null;
    const stream = { view, assistant, user: action.user, controller: new AbortController(), started: false, finished: false };
    this.streams.add(stream);
    this.ui.render();
    try {
      await streamChat(body, stream.controller.signal, (name, data) => this.onEvent(stream, name, data));
      if (!stream.finished) {
        throw new ApiError(0, 'network_error', 'The connection closed before the answer was finished.');
      }
    } catch (e) {
      this.failed(stream, action, e);
    } finally {
      this.streams.delete(stream);
      if (view === this.view) {
        this.ui.render();
      }
      this.ui.finished(view, stream.started);
    }
    if (stream.started && view === this.view && !this.busy(view)) {
      this.load(view); // the server's copy: title, final statuses, usage
    }
  }

  failed(stream, action, e) {
    const { view, assistant } = stream;
    if (!stream.started) {
      // Nothing was stored: undo, and give the typed text back.
      view.messages = action.before;
      if (action.restoreText) {
        this.composer.restore(action.restoreText);
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

  onEvent(stream, name, data) {
    const { view, assistant } = stream;
    switch (name) {
      case 'start':
        stream.started = true;
        if (!view.id) {
          view.id = data.conversationId;
          view.conversation = { id: data.conversationId, title: null };
        }
        if (stream.user) {
          stream.user.id = data.userMessageId;
        }
        assistant.id = data.assistantMessageId;
        assistant.model = data.model || assistant.model;
        if (data.historyTrimmed) {
          const n = data.droppedMessages;
          assistant.notice = `${n || 'Some'} earlier ${n === 1 ? 'message' : 'messages'} did not fit in the model's context and were left out.`;
        }
        this.ui.started(view);
        break;
      case 'delta':
        assistant.content += data.content || '';
        break;
      case 'reasoning':
        assistant.reasoning += data.content || '';
        break;
      case 'usage':
        assistant.usage = data;
        break;
      case 'done':
        stream.finished = true;
        if (assistant.status !== 'error') {
          assistant.status = data.status || 'complete';
        }
        assistant.finishReason = data.finishReason;
        assistant.usage = data.usage || assistant.usage;
        assistant.timings = data.timings;
        break;
      case 'error':
        stream.finished = true;
        assistant.status = 'error';
        assistant.error = data;
        if (view === this.view) {
          this.ui.error(new ApiError(200, data.code, data.message), () => this.regenerate());
        }
        break;
      default:
        return;
    }
    if (view === this.view) {
      if (name === 'delta' || name === 'reasoning' || name === 'usage') {
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
      this.pollWhileStreaming(view);
    }
  }
}
