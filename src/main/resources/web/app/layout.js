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
 * state is remembered; on narrow screens they are drawers over the chat, closed by default. A panel that closes
 * with the focus inside it hands the focus to the header button that opens it again.
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
    if (open) {
      this.setSidebar(true);
    } else {
      this.closePanel('#sidebar', '[data-testid="sidebar-toggle"]', () => this.setSidebar(false));
    }
    if (this.wide.matches) {
      remember('synin.sidebar', open ? 'open' : 'closed');
    } else if (open) {
      this.setSettings(false);
      this.app.querySelector('#conversation-search').focus();
    }
  }

  /** Closes a panel; the focus inside it moves to the header button that opens it (shown once it is closed). */
  closePanel(panel, opener, close) {
    const focused = document.activeElement;
    const inside = focused === document.body || this.app.querySelector(panel).contains(focused);
    close();
    if (inside) {
      this.app.querySelector(opener).focus();
    }
  }

  toggleSettings() {
    const open = this.app.dataset.settings !== 'open';
    if (open) {
      this.setSettings(true);
    } else {
      this.closePanel('#settings', '[data-testid="settings-toggle"]', () => this.setSettings(false));
    }
    if (this.wide.matches) {
      remember('synin.settings', open ? 'open' : 'closed');
    } else if (open) {
      this.setSidebar(false);
    }
    if (open) {
      this.app.querySelector('#model-select').focus();
    }
  }

  /** Closes the drawers on narrow screens (on wide ones the panels are not overlays); true when one was open. */
  closeOverlays() {
    if (this.wide.matches) {
      return false;
    }
    const wasOpen = this.app.dataset.sidebar === 'open' || this.app.dataset.settings === 'open';
    if (this.app.dataset.settings === 'open') {
      this.closePanel('#settings', '[data-testid="settings-toggle"]', () => this.setSettings(false));
    }
    if (this.app.dataset.sidebar === 'open') {
      this.closePanel('#sidebar', '[data-testid="sidebar-toggle"]', () => this.setSidebar(false));
    }
    return wasOpen;
  }
}
