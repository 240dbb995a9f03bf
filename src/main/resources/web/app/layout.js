const WIDE = '(min-width: 900px)';

function remembered(key, fallback) {
  try {
    return localStorage.getItem(key) || fallback;
  } catch {
    return fallback;
  }
}

function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not essential
  }
}

/**
 * The collapsible sidebar and settings panel. On wide screens they sit beside the chat and their
 * state is remembered; on narrow screens they are drawers over the chat, closed by default.
 */
export class Layout {
  constructor(app) {
    this.app = app;
    this.wide = matchMedia(WIDE);
    this.wide.addEventListener('change', () => this.reset());
    this.reset();
    requestAnimationFrame(() => {
      app.dataset.animate = ''; // from now on drawers slide; not while the page settles
    });
  }

  reset() {
    const wide = this.wide.matches;
    this.setSidebar(wide && remembered('synin.sidebar', 'open') === 'open');
    this.setSettings(wide && remembered('synin.settings', 'closed') === 'open');
  }

  setSidebar(open) {
    this.app.dataset.sidebar = open ? 'open' : 'closed';
    for (const button of this.app.querySelectorAll('[data-action="toggle-sidebar"]')) {
      button.setAttribute('aria-expanded', String(open));
    }
  }

  setSettings(open) {
    this.app.dataset.settings = open ? 'open' : 'closed';
    for (const button of this.app.querySelectorAll('[data-action="toggle-settings"]')) {
      button.setAttribute('aria-expanded', String(open));
    }
  }

  toggleSidebar() {
    const open = this.app.dataset.sidebar !== 'open';
    this.setSidebar(open);
    if (this.wide.matches) {
      remember('synin.sidebar', open ? 'open' : 'closed');
    } else if (open) {
      this.setSettings(false);
      this.app.querySelector('#conversation-search').focus();
    }
  }

  toggleSettings() {
    const open = this.app.dataset.settings !== 'open';
    this.setSettings(open);
    if (this.wide.matches) {
      remember('synin.settings', open ? 'open' : 'closed');
    } else if (open) {
      this.setSidebar(false);
    }
    if (open) {
      this.app.querySelector('#model-select').focus();
    }
  }

  /** Closes the drawers on narrow screens (on wide ones the panels are not overlays). */
  closeOverlays() {
    if (!this.wide.matches) {
      this.setSidebar(false);
      this.setSettings(false);
    }
  }
}
