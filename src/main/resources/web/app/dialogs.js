/**
 * Confirmation and rename dialogs on the page's single native <dialog>. Enter in the text field saves (OK is the
 * form's only submit button); a dangerous confirmation starts on Cancel, so Enter does not delete. When the dialog
 * closes, focus goes to `returnFocus` (the control that opened it, or what the caller names).
 */
export class Dialogs {
  constructor(dialog) {
    this.dialog = dialog;
    this.title = dialog.querySelector('#dialog-title');
    this.message = dialog.querySelector('#dialog-message');
    this.field = dialog.querySelector('#dialog-field');
    this.label = dialog.querySelector('#dialog-label');
    this.input = dialog.querySelector('#dialog-input');
    this.ok = dialog.querySelector('#dialog-ok');
    this.cancel = dialog.querySelector('#dialog-cancel');
    this.cancel.addEventListener('click', () => this.dialog.close('cancel'));
  }

  open({ title, message, okLabel, danger = false, value = null, label = '', returnFocus = null }) {
    const opener = returnFocus || document.activeElement;
    this.title.textContent = title;
    this.message.textContent = message || '';
    this.message.hidden = !message;
    this.field.hidden = value === null;
    this.label.textContent = label;
    this.input.value = value ?? '';
    this.ok.textContent = okLabel;
    this.ok.classList.toggle('button--danger', danger);
    return new Promise((resolve) => {
      this.dialog.addEventListener('close', () => {
        restoreFocus(opener);
        resolve(this.dialog.returnValue);
      }, { once: true });
      this.dialog.returnValue = 'cancel';
      this.dialog.showModal();
      if (value !== null) {
        this.input.select();
      } else if (danger) {
        this.cancel.focus();
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

/** Focuses the element if it can still take focus (it may have been hidden meanwhile); otherwise the message box. */
export function restoreFocus(element) {
  const target = element && element.isConnected && element.getClientRects().length > 0 ? element : document.querySelector('#composer-input');
  if (target && typeof target.focus === 'function') {
    target.focus();
  }
}
