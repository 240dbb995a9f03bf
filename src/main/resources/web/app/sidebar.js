import { api } from './api.js';
import { DATE_GROUPS, dateGroup, plainTitle } from './format.js';

const PAGE_SIZE = 50;

/**
 * The conversation list, newest first, grouped by the day it last changed (Today, Yesterday, Previous 7 days, Older),
 * searchable by title and content (the server searches). Titles are shown as plain text with the full title as a
 * tooltip. Plain clicks open a conversation in place; modified clicks keep the browser's behaviour (new tab).
 * onLoaded() runs after each load, so the page can show a title the list learnt first (a new chat's).
 */
export class Sidebar {
  constructor(root, { onSelect, onError, onLoaded = () => {} }) {
    this.list = root.querySelector('#conversation-list');
    this.empty = root.querySelector('#conversation-empty');
    this.more = root.querySelector('#conversation-more');
    this.search = root.querySelector('#conversation-search');
    this.onError = onError;
    this.onLoaded = onLoaded;
    this.activeId = null;
    this.page = 0;
    this.items = [];
    this.query = '';
    this.seq = 0;
    this.timer = 0;

    this.list.addEventListener('click', (event) => {
      const link = event.target.closest('a[data-conversation-id]');
      if (link && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        onSelect(link.dataset.conversationId, link.dataset.matchMessageId || null);
      }
    });
    this.search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 250);
    });
    this.more.addEventListener('click', () => this.load(this.page + 1));
  }

  refresh() {
    this.query = this.search.value.trim();
    return this.load(0);
  }

  async load(page) {
    const seq = ++this.seq; // answers can come back out of order while typing a search
    const params = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
    if (this.query) {
      params.set('q', this.query);
    }
    try {
      const result = await api.get(`/api/conversations?${params}`);
      if (seq !== this.seq) {
        return;
      }
      this.page = page;
      this.items = page === 0 ? result.items : this.items.concat(result.items);
      this.more.hidden = this.items.length >= result.total;
      this.draw();
      this.onLoaded();
    } catch (e) {
      if (seq === this.seq) {
        this.onError(e);
      }
    }
  }

  setActive(id) {
    this.activeId = id;
    for (const link of this.list.querySelectorAll('a[data-conversation-id]')) {
      if (link.dataset.conversationId === id) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
  }

  /** The title the list knows for a conversation, if it is listed. */
  titleOf(id) {
    const item = this.items.find((i) => i.id === id);
    return item ? item.title : null;
  }

  draw() {
    const now = new Date();
    const groups = new Map(DATE_GROUPS.map((name) => [name, []]));
    for (const item of this.items) {
      groups.get(dateGroup(item.updatedAt, now)).push(this.row(item));
    }
    const sections = [];
    for (const [name, rows] of groups) {
      if (!rows.length) {
        continue;
      }
      const section = document.createElement('section');
      section.className = 'history__group';
      section.dataset.testid = 'conversation-group';
      const heading = document.createElement('h2');
      heading.className = 'history__heading';
      heading.id = `history-${name.toLowerCase().replaceAll(' ', '-')}`;
      heading.textContent = name;
      const list = document.createElement('ul');
      list.className = 'history__list';
      list.setAttribute('aria-labelledby', heading.id);
      list.append(...rows);
      section.append(heading, list);
      sections.push(section);
    }
    this.list.replaceChildren(...sections);
    this.empty.hidden = this.items.length > 0;
    this.empty.textContent = this.query ? 'No chats match your search.' : 'No chats yet.';
  }

  row(item) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.className = 'history__item';
    link.href = `/c/${encodeURIComponent(item.id)}`;
    link.dataset.conversationId = item.id;
    link.dataset.testid = 'conversation-item';
    if (item.matchMessageId) {
      link.dataset.matchMessageId = item.matchMessageId;
    }
    const full = plainTitle(item.title) || 'New chat';
    link.title = full; // the list cuts long titles short; similar ones are told apart by the tooltip
    const title = document.createElement('span');
    title.className = 'history__title';
    title.textContent = full;
    link.append(title);
    if (item.generating) {
      const dot = document.createElement('span');
      dot.className = 'history__generating';
      dot.title = 'Answering…';
      dot.setAttribute('aria-label', 'answering');
      link.append(dot);
    }
    if (item.id === this.activeId) {
      link.setAttribute('aria-current', 'page');
    }
    li.append(link);
    return li;
  }
}
