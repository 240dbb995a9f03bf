import { api } from './api.js';

const INTERVAL_MS = 15000;

/**
 * Polls GET /api/health and shows LM Studio's reachability as a status dot. Calls onChange(health)
 * after every check; health is null when Synin itself did not answer.
 */
export class HealthMonitor {
  constructor(root, onChange) {
    this.root = root;
    this.label = root.querySelector('#status-label');
    this.onChange = onChange;
    this.last = null;
    this.timer = 0;
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        this.check();
      }
    });
  }

  start() {
    this.check();
  }

  async check() {
    clearTimeout(this.timer);
    let health = null;
    try {
      health = await api.probe('/api/health');
    } catch {
      health = null;
    }
    this.last = health;
    this.show(health);
    this.onChange(health);
    this.timer = setTimeout(() => this.check(), INTERVAL_MS);
    return health;
  }

  show(health) {
    const lm = health && health.lmStudio;
    let status;
    let text;
    if (!health) {
      status = 'down';
      text = 'Synin unreachable';
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
