const KEY = 'synin.theme';
const CHOICES = ['system', 'light', 'dark'];
const LIGHT = '(prefers-color-scheme: light)';

/** The colours the browser's own frame takes (the manifest's and the page's theme-color). */
const FRAME = { light: '#ffffff', dark: '#212121' };

/**
 * Light or dark: the system's preference (prefers-color-scheme) unless this browser chose one in Settings, which is
 * remembered in localStorage. The colours themselves are CSS custom properties (app.css); this sets
 * data-theme="light|dark" on the root element for a manual choice and removes it for "system".
 */
export class Theme {
  constructor(select, frameColour) {
    this.select = select;
    this.frameColour = frameColour;
    this.system = matchMedia(LIGHT);
    select.value = this.choice();
    this.apply();
    select.addEventListener('change', () => {
      try {
        localStorage.setItem(KEY, select.value);
      } catch {
        // private mode or full storage: the choice lasts for this page
      }
      this.apply();
    });
    this.system.addEventListener('change', () => this.apply());
  }

  choice() {
    let stored = null;
    try {
      stored = localStorage.getItem(KEY);
    } catch {
      // no storage: follow the system
    }
    return CHOICES.includes(stored) ? stored : 'system';
  }

  apply() {
    const choice = CHOICES.includes(this.select.value) ? this.select.value : 'system';
    const root = document.documentElement;
    if (choice === 'system') {
      delete root.dataset.theme;
    } else {
      root.dataset.theme = choice;
    }
    const light = choice === 'light' || (choice === 'system' && this.system.matches);
    if (this.frameColour) {
      this.frameColour.content = light ? FRAME.light : FRAME.dark;
    }
  }
}
