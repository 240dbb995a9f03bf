import { uploadFile, path } from './api.js';

/** "1.2 MB" */
export function fileSize(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 102.4) / 10} KB`;
  }
  return `${Math.round(bytes / 104857.6) / 10} MB`;
}

/** A file's chip: "report.pdf · 1.2 MB · 3 pages". */
export function fileFacts(view) {
  const facts = [view.name, fileSize(view.size)];
  if (view.pages) {
    facts.push(`${view.pages} ${view.pages === 1 ? 'page' : 'pages'}`);
  }
  return facts.join(' · ');
}

function el(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  node.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

/**
 * The attachments of a message as it shows them: images as thumbnails that open the full image (re-encoded by
 * Synin, so safe inline), documents as chips that download the original file.
 */
export function attachmentList(attachments) {
  const list = el('div', 'attachments', { 'data-testid': 'message-attachments' });
  for (const view of attachments) {
    if (view.kind === 'image') {
      const link = el('a', 'attachment attachment--image', { href: path`/api/attachments/${view.id}/image`, target: '_blank', rel: 'noopener', 'data-testid': 'attachment-image', title: view.name });
      const image = el('img', 'attachment__thumbnail', { src: path`/api/attachments/${view.id}/thumbnail`, alt: view.name, loading: 'lazy' });
      link.append(image);
      list.append(link);
    } else {
      const link = el('a', 'attachment attachment--document', { href: path`/api/attachments/${view.id}`, download: view.name, 'data-testid': 'attachment-document' });
      link.textContent = fileFacts(view);
      list.append(link);
    }
  }
  return list;
}

/**
 * The files about to be sent, shown above the message box: each is uploaded as soon as it is picked, pasted or
 * dropped (Synin re-encodes images and reads documents then, and says at once what it refuses); a chip can be
 * removed before sending. onError(e) reports a refused file; onChange() tells the composer to look again.
 */
export class AttachmentTray {
  constructor(root, { onError, onChange, seesImages }) {
    this.root = root;
    this.onError = onError;
    this.onChange = onChange;
    this.seesImages = seesImages;
    this.items = [];
    root.addEventListener('click', (event) => {
      const remove = event.target.closest('button[data-action="remove-attachment"]');
      if (remove) {
        const item = this.items.find((i) => i.key === remove.dataset.key);
        if (item) {
          item.controller.abort();
          this.items = this.items.filter((i) => i !== item);
          this.draw();
        }
      }
    });
  }

  add(files) {
    for (const file of files) {
      const item = { key: `${Date.now()}-${Math.random()}`, name: file.name || 'pasted image', view: null, controller: new AbortController() };
      this.items.push(item);
      uploadFile(file, item.controller.signal).then((view) => {
        item.view = view;
        this.draw();
      }).catch((e) => {
        this.items = this.items.filter((i) => i !== item);
        this.draw();
        if (e.name !== 'AbortError') {
          this.onError(e, item.name);
        }
      });
    }
    this.draw();
  }

  get uploading() {
    return this.items.some((i) => !i.view);
  }

  /** What is uploaded and ready to send. */
  views() {
    return this.items.filter((i) => i.view).map((i) => i.view);
  }

  /** Takes the files (sent); gives them back with {@link restore} when the message could not be sent. */
  take() {
    const views = this.views();
    this.items = [];
    this.draw();
    return views;
  }

  restore(views) {
    for (const view of views) {
      this.items.push({ key: view.id, name: view.name, view, controller: new AbortController() });
    }
    this.draw();
  }

  draw() {
    const chips = this.items.map((item) => {
      const chip = el('span', `tray__item${item.view ? '' : ' tray__item--uploading'}`, { 'data-testid': 'tray-item' });
      if (item.view && item.view.kind === 'image') {
        chip.append(el('img', 'tray__thumbnail', { src: path`/api/attachments/${item.view.id}/thumbnail`, alt: '' }));
      }
      const label = el('span', 'tray__label');
      label.textContent = item.view ? (item.view.kind === 'image' ? item.view.name : fileFacts(item.view)) : `${item.name} (uploading…)`;
      const remove = el('button', 'tray__remove', { type: 'button', 'data-action': 'remove-attachment', 'data-key': item.key, 'aria-label': `Remove ${item.name}`, 'data-testid': 'tray-remove' });
      remove.textContent = '×';
      chip.append(label, remove);
      return chip;
    });
    const blind = this.items.some((i) => i.view && i.view.kind === 'image') && this.seesImages() === false;
    if (blind) {
      const warning = el('span', 'tray__warning', { 'data-testid': 'tray-warning', role: 'status' });
      warning.textContent = 'The model chosen cannot see images: pick a vision model in Settings.';
      chips.push(warning);
    }
    this.root.replaceChildren(...chips);
    this.root.hidden = chips.length === 0;
    this.onChange();
  }
}
