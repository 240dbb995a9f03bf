import { api, whenUnreachable } from './api.js';

const INTERVAL_MS = 15000;

/** While Synin does not answer, it is asked again soon, then less often. */
const RETRY_MS = [1000, 2000, 3000, 5000];

/**
 * Polls GET /api/health and shows LM Studio's reachability as a status dot. Calls onChange(health)
 * after every check; health is null when Synin itself did not answer. A request of the page that could not reach
 * Synin starts a check at once, and while Synin is away the checks come every few seconds, so the page says so and
 * recovers by itself.
 */
export class HealthMonitor {
  constructor(root, onChange) {
    this.root = root;
    this.label = root.querySelector('#status-label');
    this.onChange = onChange;
    this.last = null;
    this.timer = 0;
    this.misses = 0;
    this.pending = null;
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        this.check();
      }
    });
    whenUnreachable(() => this.check());
  }

  start() {
    this.check();
  }

  /** Asks now (or joins the check under way). */
  check() {
    if (!this.pending) {
      this.pending = this.probe().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  async probe() {
    clearTimeout(this.timer);
    let health = null;
    try {
      health = await api.probe('/api/health');
    } catch {
      health = null;
    }
    this.misses = health ? 0 : this.misses + 1;
    this.last = health;
    this.show(health);
    this.onChange(health);
    const wait = health ? INTERVAL_MS : RETRY_MS[Math.min(this.misses, RETRY_MS.length) - 1];
    this.timer = setTimeout(() => this.check(), wait);
    return health;
  }

  show(health) {
    const lm = health && health.lmStudio;
    let status;
    let text;
    if (!health) {
      status = 'down';
      text = 'Synin not reachable';
    } else if (!lm) {
      status = 'unknown'; // Synin answered, but not with a health report (an internal error)
      text = 'Status unknown';
    } else if (lm && lm.status === 'up') {
      status = 'up';
      text = 'LM Studio connected';
    } else if (lm && lm.status === 'key-refused') {
      status = 'down'; // up, but unusable until LM_STUDIO_API_KEY is fixed
      text = 'LM Studio refused the API key';
    } else {
      status = 'down';
      text = 'LM Studio offline';
    }
    this.root.dataset.status = status;
    this.label.textContent = text;
    const where = lm && lm.baseUrl ? ` at ${lm.baseUrl}` : '';
    this.root.title = `${text}${where}`;
    this.root.setAttribute('aria-label', `${text}${where}`);
  }
}
