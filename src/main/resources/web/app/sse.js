/**
 * Incremental parser for a text/event-stream body read with fetch.
 *
 * Network chunks split the stream anywhere, even inside a line or between the two bytes of a CRLF, so
 * text is buffered until a blank line ends an event. Comment lines (": keep-alive") and events without
 * data are skipped; several data lines are joined with "\n" as the SSE spec says.
 */
export class SseParser {
  /** @param {(event: string, data: string, id: string | null) => void} onEvent */
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.lastId = null;
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = null;
  }

  /** Feeds the next decoded chunk. */
  push(chunk) {
    let text = this.buffer + chunk;
    let held = '';
    // A trailing CR may be the first half of a CRLF: decide once the next chunk arrives.
    if (text.endsWith('\r')) {
      held = '\r';
      text = text.slice(0, -1);
    }
    const lines = text.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() + held;
    for (const line of lines) {
      this.line(line);
    }
  }

  /** Flushes what is left when the body ends (a last event may lack its blank line). */
  end() {
    if (this.buffer) {
      this.line(this.buffer.replace(/\r$/, ''));
    }
    this.buffer = '';
    this.dispatch();
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.event = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    }
  }

  dispatch() {
    if (this.data.length > 0) {
      // As in EventSource, an event without an id keeps the last one.
      if (this.id !== null) {
        this.lastId = this.id;
      }
      this.onEvent(this.event || 'message', this.data.join('\n'), this.id);
    }
    this.reset();
  }
}
