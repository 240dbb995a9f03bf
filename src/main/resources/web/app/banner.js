/**
 * The one place errors are shown. A banner has a kind ("offline", "network", "error", ...) so the
 * health check can clear its own banner when LM Studio comes back without hiding someone else's.
 */
export class Banner {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector('#banner-title');
    this.detail = root.querySelector('#banner-detail');
    this.retryButton = root.querySelector('#banner-retry');
    this.kind = null;
    this.retry = null;
    this.dismissed = null; // a kind the user closed: the health check does not bring it back
    this.retryButton.addEventListener('click', () => {
      const retry = this.retry;
      this.clear();
      if (retry) {
        retry();
      }
    });
    root.querySelector('#banner-dismiss').addEventListener('click', () => {
      this.dismissed = this.kind;
      this.clear();
    });
  }

  /**
   * @param {{kind: string, title: string, detail?: (string|Node)[], retry?: () => void, retryLabel?: string}} banner
   */
  show({ kind, title, detail = [], retry = null, retryLabel = 'Retry', retryIn = 0 }) {
    clearInterval(this.countdown);
    this.kind = kind;
    this.retry = retry;
    this.root.dataset.kind = kind;
    this.title.textContent = title;
    this.detail.replaceChildren(...detail);
    this.retryButton.hidden = !retry;
    this.retryButton.textContent = retryLabel;
    this.retryButton.disabled = false;
    this.root.hidden = false;
    if (retry && retryIn > 0) {
      this.wait(retryLabel, retryIn);
    }
  }

  /** Keeps Retry disabled while the server asked to wait (Retry-After), counting down. */
  wait(label, seconds) {
    let left = seconds;
    const tick = () => {
      this.retryButton.disabled = left > 0;
      this.retryButton.textContent = left > 0 ? `${label} in ${left} s` : label;
      left -= 1;
      if (left < 0) {
        clearInterval(this.countdown);
      }
    };
    tick();
    this.countdown = setInterval(tick, 1000);
  }

  /** Hides the banner, or only a banner of one of the given kinds. */
  clear(...kinds) {
    if (kinds.length > 0 && !kinds.includes(this.kind)) {
      return;
    }
    clearInterval(this.countdown);
    this.kind = null;
    this.retry = null;
    this.root.hidden = true;
  }
}

/** A <code> element for URLs in banner text. */
export function code(text) {
  const node = document.createElement('code');
  node.textContent = text;
  return node;
}
