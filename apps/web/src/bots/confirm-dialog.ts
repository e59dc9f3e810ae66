/**
 * A modal confirmation (<dialog>) for actions that change something: resolves true only when the
 * person pressed the confirm button. Escape or Cancel resolve false.
 * @module
 */
import { el } from '../util/dom.js';

export interface ConfirmOptions {
  title: string;
  /** Plain text. */
  message: string;
  confirmLabel: string;
  /** Style the confirm button as dangerous. */
  danger?: boolean;
}

export const confirmAction = (options: ConfirmOptions): Promise<boolean> =>
  new Promise((resolve) => {
    const cancel = el('button', {
      text: 'Cancel',
      attrs: { type: 'button', 'data-action': 'cancel', autofocus: '' },
    });
    const confirm = el('button', {
      text: options.confirmLabel,
      class: options.danger ? 'danger' : 'primary',
      attrs: { type: 'button', 'data-action': 'confirm' },
    });
    const dialog = el(
      'dialog',
      { class: 'confirm', attrs: { 'data-testid': 'confirm-dialog', 'aria-labelledby': 'confirm-title' } },
      el('h2', { text: options.title, attrs: { id: 'confirm-title' } }),
      el('p', { text: options.message }),
      el('div', { class: 'dialog-buttons' }, cancel, confirm),
    );
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
