import { lexBlocks, renderBlocks } from './markdown.js';

/** The opening line of a fenced code block (an indented one has none). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Blocks that end by their own syntax: what follows cannot make them longer. */
const CLOSED_BY_THEMSELVES = new Set(['heading', 'hr', 'code', 'html', 'def']);

/** The start of a line that may still become an item of the list above it ("2" of "2. more"). */
const LIST_ITEM_START = /^ {0,3}([-*+]|\d)/;

/**
 * Draws an answer's Markdown while it streams, in time that grows with the size of its last block rather than of the
 * whole answer. Blocks that are complete (another block has started after them) are rendered once, with their code
 * highlighted, and their nodes are never touched again, so a selection in them survives; only the last, still open
 * block is drawn again at each update, without highlighting, and an open fenced code block only gets its new text
 * appended; the browser lays out only the blocks on screen meanwhile (app.css, .markdown--streaming). When the answer
 * is over (open false) the last block is completed too, after one look at the whole text:
 * should it read differently from the blocks drawn (a reference to a link defined further down, a rare list or table
 * that took in a later line), the answer is drawn whole once. Everything goes through markdown.js, which sanitises
 * model output before it reaches the DOM.
 */
export class StreamRender {
  constructor(root) {
    this.root = root;
    this.reset();
  }

  reset() {
    this.root.replaceChildren();
    this.source = ''; // the text shown
    this.done = 0; // how much of it is shown as completed blocks
    this.ends = []; // where the completed blocks end, while streaming
    this.links = Object.create(null); // link definitions of completed blocks
    this.live = []; // the nodes of the open block
    this.liveCode = null; // {start, lang, text, code} while the open block is a fenced code block
    this.final = false;
  }

  /** Shows this Markdown; open while more of it may come. */
  show(markdown, open) {
    const text = (markdown || '').replace(/\r\n?/g, '\n');
    if (text === this.source && this.final === !open) {
      return;
    }
    if (this.final || !text.startsWith(this.source.slice(0, this.done))) {
      this.reset(); // a different text (a replay from the start, the server's copy): draw it again
    }
    this.source = text;
    this.final = !open;
    this.root.classList.toggle('markdown--streaming', open);
    if (!open && this.done > 0 && !this.readsTheSame(text)) {
      this.reset();
      this.source = text;
      this.final = true;
    }
    const tail = text.slice(this.done);
    const tokens = lexBlocks(tail, this.links);
    const complete = open ? completeBlocks(tokens, tail) : { count: tokens.length, length: tail.length };
    if (complete.count > 0) {
      this.clearLive();
      const blocks = tokens.slice(0, complete.count);
      for (const token of blocks) {
        if (token.type === 'def' && !(token.tag in this.links)) {
          this.links[token.tag] = { href: token.href, title: token.title };
        }
      }
      this.root.append(renderBlocks(blocks));
      this.done += complete.length;
      this.ends.push(this.done);
    }
    this.showLive(tokens.slice(complete.count));
  }

  /** Whether the whole text has the blocks drawn so far, and no link definitions. */
  readsTheSame(text) {
    const whole = lexBlocks(text);
    if (Object.keys(whole.links).length > 0) {
      return false;
    }
    const ends = new Set();
    let end = 0;
    for (const token of whole) {
      end += token.raw.length;
      ends.add(end);
    }
    return this.ends.every((e) => ends.has(e));
  }

  clearLive() {
    for (const node of this.live) {
      node.remove();
    }
    this.live = [];
    this.liveCode = null;
  }

  showLive(tokens) {
    const blocks = tokens.filter((t) => t.type !== 'space');
    const code = blocks.length === 1 && blocks[0].type === 'code' && FENCE.test(blocks[0].raw) ? blocks[0] : null;
    const same = this.liveCode;
    if (code && same && same.start === this.done && same.lang === code.lang && code.text.startsWith(same.text)) {
      same.code.append(code.text.slice(same.text.length)); // text, never markup: appending keeps a selection in it
      same.text = code.text;
      return;
    }
    this.clearLive();
    if (blocks.length === 0) {
      return;
    }
    const fragment = renderBlocks(tokens, { highlight: false });
    if (code) {
      this.liveCode = { start: this.done, lang: code.lang, text: code.text, code: fragment.querySelector('code') };
    }
    this.live = [...fragment.childNodes];
    this.root.append(fragment);
  }
}

function twoLines(text, from) {
  const end = text.indexOf('\n', from);
  return end >= 0 && text.indexOf('\n', end + 1) >= 0;
}

/**
 * How many blocks, and how much text, are complete: the blocks before the last one that is not blank, since a block
 * that another has followed no longer changes. Except the one just before it while that last one is young: after a
 * blank line a list is held while the next line may still be one of its items, and a block the last one interrupted
 * (no blank line between) is held until the last one has two lines (a row of pipes becomes a table only with the
 * line under it). Counted only while the raw texts match the source, in case the lexer ever dropped text.
 */
function completeBlocks(tokens, source) {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last].type === 'space') {
    last--;
  }
  let length = 0;
  let count = 0;
  for (; count < last; count++) {
    const { raw } = tokens[count];
    if (!source.startsWith(raw, length)) {
      return { count, length };
    }
    length += raw.length;
  }
  if (count === 0) {
    return { count, length };
  }
  let before = count - 1;
  while (before > 0 && tokens[before].type === 'space') {
    before--;
  }
  const previous = tokens[before];
  const afterBlankLine = before < count - 1;
  const young = source.indexOf('\n', length) < 0;
  let hold;
  if (CLOSED_BY_THEMSELVES.has(previous.type)) {
    hold = false;
  } else if (afterBlankLine) {
    hold = previous.type === 'list' && young && LIST_ITEM_START.test(source.slice(length));
  } else {
    hold = !twoLines(source, length);
  }
  while (hold && count > before) {
    count--;
    length -= tokens[count].raw.length;
  }
  return { count, length };
}
