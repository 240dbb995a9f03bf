import { api, path } from './api.js';
import { Banner } from './banner.js';
import { Chat } from './chat.js';
import { ChatView } from './chat-view.js';
import { AttachmentTray } from './attachments.js';
import { Composer } from './composer.js';
import { ContextMeter } from './context-meter.js';
import { copyText } from './clipboard.js';
import { Dialogs, restoreFocus } from './dialogs.js';
import { plainTitle } from './format.js';
import { errorBanner, offlineBanner } from './errors.js';
import { HealthMonitor } from './health.js';
import { Layout } from './layout.js';
import { followAccountDefaults, SettingsPanel, settingsOf } from './settings.js';
import { Sidebar } from './sidebar.js';
import { Theme } from './theme.js';

const $ = (selector) => document.querySelector(selector);

new Theme($('#theme-select'), $('meta[name="theme-color"]'));
const banner = new Banner($('#banner'));
const dialogs = new Dialogs($('#dialog'));
const layout = new Layout($('#app'));
const chatView = new ChatView($('#chat-log'), $('#chat-scroll'), $('#jump-to-end'));
const meter = new ContextMeter($('#context-meter'));

/** The context meter follows the branch shown, the text typed, the files about to go and the model chosen. */
function updateMeter() {
  meter.update({ messages: chat.view.messages, text: composer.value, files: tray.views(), model: settings.selectedModel() });
}

const tray = new AttachmentTray($('#attachment-tray'), {
  onError: (e, name) => showError({ ...e, message: `${name}: ${e.message}`, status: e.status, code: e.code }),
  onChange: () => {
    composer.changed();
    updateMeter();
  },
  // false only when the server says the chosen model cannot see (it also refuses such a message itself)
  seesImages: () => {
    const model = settings.selectedModel();
    return model ? model.vision !== false && model.vision !== null && model.vision !== undefined : null;
  },
});
const composer = new Composer($('#composer'), {
  onSend(text) {
    chatView.followNext(); // sent while scrolled up: show the new message
    chat.send(text, tray.take());
  },
  onStop: () => chat.stop(),
  onEditLast: () => editLastQuestion(),
  tray,
});
const settings = new SettingsPanel($('#settings-form'), saveSetting);
const sidebar = new Sidebar($('#sidebar'), {
  onSelect: (id, matchMessageId) => navigate(id).then(() => {
    // A search hit in another version: show the branch that holds it.
    const view = chat.view;
    if (matchMessageId && view.id === id && !view.messages.some((m) => m.id === matchMessageId)) {
      chat.showMessage(view, matchMessageId);
    }
  }),
  onError: (e) => showError(e, () => sidebar.refresh()),
  onLoaded: () => showTitle(), // a new chat's title is known to the list as soon as its first answer starts
});
const health = new HealthMonitor($('#status'), onHealth);
const chat = new Chat({
  composer,
  settings,
  ui: {
    render,
    update: (message) => chatView.update(message),
    error: showError,
    started(view) {
      if (view === chat.view) {
        setUrl(view.id);
        sidebar.refresh();
      }
    },
    finished() {
      sidebar.refresh();
    },
  },
});

function showError(error, retry = null, retryLabel) {
  if (syninAway && error && error.code === 'network_error') {
    return; // the banner already says Synin is not reachable, and clears itself when it is back
  }
  const shown = errorBanner(error, retry, health.last && health.last.lmStudio);
  banner.show(retryLabel ? { ...shown, retryLabel } : shown);
}

function conversationUrl(id) {
  return id ? path`/c/${id}` : '/';
}

function idFromLocation() {
  const match = /^\/c\/([^/]+)\/?$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function setUrl(id) {
  const url = conversationUrl(id);
  if (location.pathname !== url) {
    history.pushState(null, '', url);
  }
}

/** The header and the browser tab say which conversation this is. */
function showTitle() {
  const view = chat.view;
  const known = Boolean(view.id) && !view.notFound;
  const title = view.notFound ? 'Conversation not found'
    : plainTitle((view.conversation && view.conversation.title) || sidebar.titleOf(view.id)) || 'New chat';
  $('#chat-title').textContent = title;
  document.title = known || view.notFound ? `${title} · Synin` : 'Synin';
}

/** Up in an empty message box: edit the last question, when it can be edited. */
function editLastQuestion() {
  const view = chat.view;
  const last = [...view.messages].reverse().find((m) => m.role === 'user');
  if (chat.busy(view) || view.editing || !last || !last.id) {
    return false;
  }
  view.editing = { message: last, text: last.content };
  render(); // the edit form takes the focus
  return true;
}

function openShortcuts() {
  const dialog = $('#shortcuts');
  if (dialog.open || document.querySelector('dialog[open]')) {
    return;
  }
  const opener = document.activeElement;
  dialog.addEventListener('close', () => restoreFocus(opener), { once: true });
  dialog.showModal();
  dialog.querySelector('button').focus();
}

function render() {
  const view = chat.view;
  const busy = chat.busy(view);
  const known = Boolean(view.id) && !view.notFound;
  showTitle();
  $('#conversation-menu').hidden = !known;
  for (const action of ['clear', 'delete']) {
    document.querySelector(`#conversation-menu [data-action="${action}"]`).disabled = busy;
  }
  if (known) {
    $('#export-markdown').href = path`/api/conversations/${view.id}/export?format=markdown`;
    $('#export-json').href = path`/api/conversations/${view.id}/export?format=json`;
  }
  $('#empty-state').hidden = view.messages.length > 0 || view.notFound || view.loading;
  $('#not-found').hidden = !view.notFound;
  $('.composer-wrap').hidden = view.notFound; // nothing can be sent to a conversation that does not exist
  chatView.render(view.messages, { busy, editing: view.editing });
  updateMeter();
  composer.setBusy(busy);
  sidebar.setActive(view.id);
}

/** Opens a conversation (null: a new chat), adding a history entry unless it came from one. */
async function navigate(id, { push = true } = {}) {
  if (push) {
    setUrl(id);
  }
  layout.closeOverlays();
  $('#conversation-menu').open = false;
  const pending = chat.show(id);
  settings.show(settingsOf(chat.view.conversation));
  render();
  chatView.scrollToEnd(true);
  composer.focus();
  const view = await pending;
  if (view === chat.view) {
    settings.show(settingsOf(view.conversation));
    chatView.scrollToEnd(true);
    if (view.notFound) {
      $('#not-found button').focus(); // the message box is gone: the way on is a new chat
    }
  }
}

async function saveSetting(field, value) {
  const view = chat.view;
  if (!view.id || view.notFound) {
    return; // a new chat sends its settings with the first message
  }
  // The server keeps what a PATCH leaves out or sends as null; a blank model or system prompt clears it,
  // and so does maxTokens 0 (back to the model's default) for an emptied max tokens field.
  if (value === null && field !== 'maxTokens') {
    return;
  }
  const body = { [field]: value === null ? 0 : value };
  try {
    const updated = await api.patch(path`/api/conversations/${view.id}`, body);
    view.conversation = { ...view.conversation, ...updated };
    settings.saved();
  } catch (e) {
    showError(e, () => saveSetting(field, value));
  }
}

async function loadModels() {
  try {
    settings.setModels(await api.get('/api/models'));
  } catch {
    settings.setModels(null);
  }
  updateMeter();
}

let lmStudioUp = null;
let syninAway = false;

function onHealth(state) {
  if (!state) {
    // Nothing is known about LM Studio while Synin does not answer: say only that.
    syninAway = true;
    if (banner.dismissed !== 'network') {
      banner.show({ kind: 'network', title: 'Synin is not reachable — retrying.', detail: ['Check your connection and that Synin is running; this page carries on by itself when it answers again.'], retry: () => health.check(), retryLabel: 'Try now' });
    }
    return;
  }
  banner.clear('network');
  if (syninAway) {
    syninAway = false;
    banner.dismissed = banner.dismissed === 'network' ? null : banner.dismissed;
    sidebar.refresh();
    if (chat.view.id && !chat.busy()) {
      chat.reload(chat.view); // what happened meanwhile (an answer that went on without this page)
    }
  }
  if (!state.lmStudio) {
    return; // not a health report: say nothing rather than something wrong
  }
  const up = state.lmStudio.status === 'up';
  if (up) {
    banner.clear('offline');
    banner.dismissed = null;
  } else if (banner.kind !== 'offline' && banner.dismissed !== 'offline' && !chat.busy()) {
    banner.show(offlineBanner(state.lmStudio, () => health.check()));
  }
  if (up !== lmStudioUp) {
    lmStudioUp = up;
    loadModels();
  }
}

const menuButton = () => $('#conversation-menu summary');

/** "12 messages (every version)": what Clear and Delete remove, counting the versions not shown. */
function messagesOfEveryBranch(view) {
  const total = (view.conversation && view.conversation.messageCount) ?? view.messages.length;
  const shown = view.messages.length;
  const noun = `${total} ${total === 1 ? 'message' : 'messages'}`;
  return total > shown ? `${noun} (with the ${total - shown} in other versions)` : noun;
}

/** Imports a Synin export or ChatGPT's conversations.json chosen with the sidebar's Import. */
async function importFile(file) {
  let text;
  try {
    text = await file.text();
  } catch (e) {
    showError(e);
    return;
  }
  try {
    const result = await api.postText('/api/import', text);
    banner.clear();
    await sidebar.refresh();
    if (result.conversations.length) {
      navigate(result.conversations[0].id);
    }
  } catch (e) {
    showError(e, () => importFile(file));
  }
}

const actions = {
  'new-chat': () => navigate(null),
  async 'sign-out'() {
    // Ends the session on the server; the login page follows.
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'synin' }, redirect: 'manual' });
    window.location.assign('/login');
  },
  'import-conversations': () => $('#import-file').click(),
  'toggle-sidebar': () => layout.toggleSidebar(),
  'toggle-settings': () => layout.toggleSettings(),
  'close-panels': () => layout.closeOverlays(),
  async rename() {
    const view = chat.view;
    const title = await dialogs.prompt({ title: 'Rename chat', label: 'Title', value: $('#chat-title').textContent, okLabel: 'Save', returnFocus: menuButton() });
    if (!title || view !== chat.view) {
      return;
    }
    try {
      view.conversation = { ...view.conversation, ...(await api.patch(path`/api/conversations/${view.id}`, { title })) };
      render();
      sidebar.refresh();
    } catch (e) {
      showError(e, () => actions.rename());
    }
  },
  async clear() {
    const view = chat.view;
    if (!(await dialogs.confirm({ title: 'Clear this chat?', message: `All ${messagesOfEveryBranch(view)} in this chat will be deleted. Its title and settings stay.`, okLabel: 'Clear', danger: true, returnFocus: menuButton() }))) {
      return;
    }
    try {
      await api.delete(path`/api/conversations/${view.id}/messages`);
      view.messages = [];
      render();
      composer.focus();
    } catch (e) {
      showError(e, () => actions.clear());
    }
  },
  async delete() {
    const view = chat.view;
    if (!(await dialogs.confirm({ title: 'Delete this chat?', message: `"${$('#chat-title').textContent}" and all its ${messagesOfEveryBranch(view)} will be deleted. This cannot be undone.`, okLabel: 'Delete', danger: true, returnFocus: menuButton() }))) {
      return;
    }
    try {
      await api.delete(path`/api/conversations/${view.id}`);
      await sidebar.refresh();
      navigate(null);
    } catch (e) {
      showError(e, () => actions.delete());
    }
  },
};

document.addEventListener('click', (event) => {
  const menu = $('#conversation-menu');
  if (menu.open && !event.target.closest('#conversation-menu summary')) {
    menu.open = false; // a choice, or a click elsewhere, closes the menu
  }
  const button = event.target.closest('[data-action]');
  if (button && !button.closest('#chat-log') && actions[button.dataset.action]) {
    actions[button.dataset.action]();
  }
});

$('#chat-log').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) {
    return;
  }
  const article = button.closest('article');
  const message = article && chat.view.messages[[...article.parentNode.children].indexOf(article)];
  switch (button.dataset.action) {
    case 'copy-code':
      copyText(button.closest('.code-block').querySelector('code').textContent, button);
      break;
    case 'copy-message':
      copyText(message.content, button);
      break;
    case 'regenerate':
      chatView.followNext();
      chat.regenerate();
      composer.focus(); // the button goes away while the new answer is written
      break;
    case 'retry':
      chatView.followNext();
      chat.regenerate(message);
      composer.focus();
      break;
    case 'continue':
      chatView.followNext();
      chat.continueAnswer(message);
      composer.focus();
      break;
    case 'version-previous':
    case 'version-next':
    {
      const position = chat.view.messages.indexOf(message);
      chat.showVersion(message, button.dataset.action === 'version-next' ? 1 : -1).then(() => {
        // The version shown takes the same place: keep the focus on its switcher for the next step.
        const again = $('#chat-log').children[position]?.querySelector(`[data-action="${button.dataset.action}"]`);
        if (again && !again.disabled) {
          again.focus();
        } else {
          composer.focus();
        }
      });
      break;
    }
    case 'fork':
      chat.fork(message).then((id) => {
        if (id) {
          sidebar.refresh();
          navigate(id);
        }
      });
      break;
    case 'edit':
      chat.view.editing = { message, text: message.content };
      render();
      break;
    case 'cancel-edit':
      chat.view.editing = null;
      render();
      composer.focus();
      break;
    default:
  }
});

$('#chat-log').addEventListener('submit', (event) => {
  event.preventDefault();
  const editing = chat.view.editing;
  if (editing) {
    chatView.followNext();
    composer.focus(); // the form goes away; if the server refuses, it comes back and takes the focus again
    chat.edit(editing.message, event.target.querySelector('textarea').value);
  }
});

$('#chat-log').addEventListener('keydown', (event) => {
  if (event.target.id !== 'edit-input') {
    return;
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    event.target.form.requestSubmit();
  } else if (event.key === 'Escape') {
    event.preventDefault(); // handled: the page's Escape does not also stop the answer
    chat.view.editing = null;
    render();
    composer.focus();
  }
});

document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'o') {
    event.preventDefault();
    navigate(null);
  } else if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === '/') {
    event.preventDefault();
    openShortcuts();
  } else if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open]')) {
    onEscape(event);
  }
});

/** Escape closes the innermost thing open (menu, drawer); with nothing open it stops the answer being written. */
function onEscape(event) {
  const menu = $('#conversation-menu');
  if (menu.open) {
    menu.open = false;
    menuButton().focus();
    return;
  }
  if (layout.closeOverlays()) {
    return;
  }
  const target = event.target;
  if (target.type === 'search' && target.value) {
    return; // Escape clears the search box first
  }
  if (chat.busy()) {
    event.preventDefault();
    chat.stop();
  }
}

$('#composer-input').addEventListener('input', () => updateMeter());
$('#model-select').addEventListener('change', () => updateMeter());

// Files dropped anywhere on the chat are attached to the next message.
$('#main').addEventListener('dragover', (event) => {
  if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }
});
$('#main').addEventListener('drop', (event) => {
  const files = event.dataTransfer ? [...event.dataTransfer.files] : [];
  if (files.length) {
    event.preventDefault();
    tray.add(files);
    composer.focus();
  }
});

$('#import-file').addEventListener('change', (event) => {
  const [file] = event.target.files;
  event.target.value = '';
  if (file) {
    importFile(file);
  }
});

window.addEventListener('popstate', () => navigate(idFromLocation(), { push: false }));

Promise.all([navigate(idFromLocation(), { push: false }), sidebar.refresh()]).then(() => {
  document.documentElement.dataset.ready = 'true'; // for browser tests: the first view is shown
});
health.start();

// With accounts or a token, offer a way out (GET /api/me says who is signed in).
api.get('/api/me').then((me) => {
  $('#not-found-browser').hidden = !me || me.mode !== 'none';
  if (me && (me.mode === 'users' || me.mode === 'oidc')) {
    followAccountDefaults().then((kept) => {
      if (kept && !chat.view.id) {
        settings.show(settingsOf(null)); // a new chat starts from the account's defaults
      }
    });
  }
  if (me && me.mode && me.mode !== 'none') {
    const button = $('#sign-out');
    const who = me.displayName || me.username;
    button.textContent = who ? `Sign out (${who})` : 'Sign out';
    button.hidden = false;
  }
}).catch(() => {});
