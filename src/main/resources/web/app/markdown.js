import { Lexer, Marked } from 'marked';
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/common';

/*
 * Model output is untrusted. Markdown becomes HTML with marked, and that HTML always goes through
 * DOMPurify before it touches the DOM; only the sanitised fragment is inserted. On top of that:
 * raw HTML in the answer is shown as text (as chat apps do), links open in a new tab without an opener
 * or referrer, and remote images are never fetched (an image URL can carry data out of the chat):
 * they become a link the user may choose to open.
 */

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function languageOf(info) {
  return (info || '').trim().split(/\s+/)[0].toLowerCase();
}

/** Off while the last, still open block of a streaming answer is drawn: code is highlighted once, when it is complete. */
let highlighting = true;

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    code({ text, lang }) {
      const language = languageOf(lang);
      const highlighted = highlighting && language && hljs.getLanguage(language)
        ? hljs.highlight(text, { language, ignoreIllegals: true }).value
        : escapeHtml(text);
      const label = language ? ` data-language="${escapeHtml(language)}"` : '';
      return `<pre${label}><code class="hljs">${highlighted}</code></pre>\n`;
    },
    image({ href, text }) {
      if (/^data:image\/(png|gif|jpe?g|webp);/i.test(href || '')) {
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text || '')}">`;
      }
      let where = href || '';
      try {
        where = new URL(href, location.href).host || where;
      } catch {
        // keep the raw text
      }
      const label = `Image not loaded: ${text || 'untitled'} (${where})`;
      return `<a class="remote-image" data-testid="remote-image" href="${escapeHtml(href || '')}" title="Open the image in a new tab">${escapeHtml(label)}</a>`;
    },
  },
});

const PURIFY_CONFIG = {
  RETURN_DOM_FRAGMENT: true,
  // Nothing that can fetch, submit, run or restyle the page.
  FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'option', 'iframe', 'object', 'embed',
    'video', 'audio', 'source', 'track', 'picture', 'svg', 'math', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset', 'poster', 'background', 'action', 'formaction', 'ping', 'id', 'name'],
};

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG' && !/^data:image\//i.test(node.getAttribute('src') || '')) {
    node.removeAttribute('src');
  }
});

/** Wraps each code block in a frame with its language and a copy button (built with DOM APIs). */
function frameCodeBlocks(fragment) {
  for (const pre of fragment.querySelectorAll('pre')) {
    const frame = document.createElement('div');
    frame.className = 'code-block';
    frame.dataset.testid = 'code-block';
    const bar = document.createElement('div');
    bar.className = 'code-block__bar';
    const language = document.createElement('span');
    language.className = 'code-block__language';
    language.textContent = pre.dataset.language || 'text';
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'code-block__copy';
    copy.dataset.action = 'copy-code';
    copy.dataset.testid = 'code-copy-button';
    copy.textContent = 'Copy';
    copy.setAttribute('aria-label', `Copy ${language.textContent} code`);
    bar.append(language, copy);
    pre.replaceWith(frame);
    frame.append(bar, pre);
  }
}

/** Sanitises marked's HTML into a DocumentFragment with framed code blocks: the only way model output reaches the DOM. */
function sanitise(html) {
  const fragment = DOMPurify.sanitize(html, PURIFY_CONFIG);
  frameCodeBlocks(fragment);
  return fragment;
}

/**
 * Splits Markdown into its top-level blocks (marked's tokens, whose raw texts add up to the source). The link
 * definitions of earlier blocks ({tag: {href, title}}) are passed in, so references to them still resolve.
 */
export function lexBlocks(markdown, links = {}) {
  const lexer = new Lexer(marked.defaults);
  Object.assign(lexer.tokens.links, links);
  return lexer.lex(markdown);
}

/** Renders blocks from {@link lexBlocks} to a sanitised DocumentFragment; highlight false leaves code plain. */
export function renderBlocks(tokens, { highlight = true } = {}) {
  highlighting = highlight;
  try {
    return sanitise(marked.parser(tokens));
  } finally {
    highlighting = true;
  }
}
