/** Confirmation and rename dialogs on the page's single native <dialog>. */
export class Dialogs {
  constructor(dialog) {
    this.dialog = dialog;
    this.title = dialog.querySelector('#dialog-title');
    this.message = dialog.querySelector('#dialog-message');
    this.field = dialog.querySelector('#dialog-field');
    this.label = dialog.querySelector('#dialog-label');
    this.input = dialog.querySelector('#dialog-input');
    this.ok = dialog.querySelector('#dialog-ok');
  }

  open({ title, message, okLabel, danger = false, value = null, label = '' }) {
    this.title.textContent = title;
    this.message.textContent = message || '';
    this.message.hidden = !message;
    this.field.hidden = value === null;
    this.label.textContent = label;
    this.input.value = value ?? '';
    this.ok.textContent = okLabel;
    this.ok.classList.toggle('button--danger', danger);
    return new Promise((resolve) => {
      this.dialog.addEventListener('close', () => resolve(this.dialog.returnValue), { once: true });
      this.dialog.returnValue = 'cancel';
      this.dialog.showModal();
      if (value !== null) {
        this.input.select();
      } else {
        this.ok.focus();
      }
    });
  }

  /** Resolves true when the user confirms. */
  async confirm(options) {
    return (await this.open(options)) === 'ok';
  }

  /** Resolves the entered text, or null when cancelled. */
  async prompt(options) {
    return (await this.open(options)) === 'ok' ? this.input.value.trim() : null;
  }
}
