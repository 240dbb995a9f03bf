const MAX_HEIGHT = 240;

/**
 * The message box: Enter sends, Shift+Enter is a newline, Up in an empty box edits the last question, the box grows
 * with its text, and the send button becomes Stop while an answer runs.
 */
export class Composer {
  constructor(form, { onSend, onStop, onEditLast = () => false, tray = null }) {
    this.form = form;
    this.tray = tray;
    this.input = form.querySelector('#composer-input');
    this.sendButton = form.querySelector('#send-button');
    this.stopButton = form.querySelector('#stop-button');
    this.busy = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit(onSend);
    });
    this.input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME composition (Japanese, Chinese, ...) must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit(onSend);
      } else if (event.key === 'ArrowUp' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
          && !event.isComposing && this.value === '' && onEditLast()) {
        event.preventDefault();
      }
    });
    this.input.addEventListener('input', () => this.changed());
    // Pasting a screenshot (or files) attaches it; pasted text stays text.
    this.input.addEventListener('paste', (event) => {
      const files = [...(event.clipboardData ? event.clipboardData.files : [])];
      if (files.length && this.tray) {
        event.preventDefault();
        this.tray.add(files);
      }
    });
    const picker = form.querySelector('#attach-input');
    form.querySelector('#attach-button').addEventListener('click', () => picker.click());
    picker.addEventListener('change', () => {
      const files = [...picker.files];
      picker.value = '';
      if (files.length && this.tray) {
        this.tray.add(files);
      }
      this.focus();
    });
    this.stopButton.addEventListener('click', () => onStop());
  }

  /** Something to send: text, or files that are uploaded (none still uploading). */
  ready() {
    const files = this.tray ? this.tray.views().length : 0;
    return (Boolean(this.value.trim()) || files > 0) && !(this.tray && this.tray.uploading);
  }

  submit(onSend) {
    if (!this.busy && this.ready()) {
      onSend(this.value);
    }
  }

  get value() {
    return this.input.value;
  }

  set value(text) {
    this.input.value = text;
    this.changed();
  }

  /** Puts text back after a failure without losing anything the user typed meanwhile. */
  restore(text) {
    const current = this.value.trim();
    if (!current) {
      this.value = text;
    } else if (current !== text.trim()) {
      this.value = `${text}\n\n${this.value}`;
    }
  }

  changed() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, MAX_HEIGHT)}px`;
    this.input.style.overflowY = this.input.scrollHeight > MAX_HEIGHT ? 'auto' : 'hidden';
    this.sendButton.disabled = !this.ready();
  }

  setBusy(busy) {
    if (busy === this.busy) {
      return;
    }
    this.busy = busy;
    const hadFocus = document.activeElement === this.sendButton || document.activeElement === this.stopButton;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    if (hadFocus) {
      (busy ? this.stopButton : this.input).focus();
    }
  }

  focus() {
    this.input.focus();
  }
}
