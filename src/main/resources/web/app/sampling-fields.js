/**
 * The sampling settings beyond temperature and max tokens (top P, top K, min P, repeat penalty, seed, stop
 * sequences), in the settings panel's "More sampling settings". An empty field is the server's default and is not
 * sent. Checked as the server checks them; the object is sent whole (mirrors dev.synin.conversation.Sampling).
 */
const NUMBERS = [
  { key: 'topP', id: 'top-p-input', label: 'Top P', min: 0, max: 1, integer: false },
  { key: 'topK', id: 'top-k-input', label: 'Top K', min: 1, max: 1000, integer: true },
  { key: 'minP', id: 'min-p-input', label: 'Min P', min: 0, max: 1, integer: false },
  { key: 'repeatPenalty', id: 'repeat-penalty-input', label: 'Repeat penalty', min: 0, max: 5, integer: false },
  { key: 'seed', id: 'seed-input', label: 'Seed', min: 0, max: 4294967295, integer: true },
];
const MAX_STOPS = 4;
const MAX_STOP_LENGTH = 64;

/** A stop sequence as typed ("\n" for a line break) and back. */
const unescape = (line) => line.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
const escape = (stop) => stop.replace(/\n/g, '\\n').replace(/\t/g, '\\t');

export class SamplingFields {
  constructor(form, onChange) {
    this.details = form.querySelector('#sampling-fields');
    this.inputs = Object.fromEntries(NUMBERS.map((n) => [n.key, form.querySelector(`#${n.id}`)]));
    this.stop = form.querySelector('#stop-input');
    this.error = form.querySelector('#sampling-error');
    for (const input of [...Object.values(this.inputs), this.stop]) {
      input.addEventListener('change', () => onChange());
    }
  }

  /** {value} (the settings set, {} for none) or {error, input} for the first field that is refused. */
  check() {
    const value = {};
    let refused = null;
    for (const n of NUMBERS) {
      const input = this.inputs[n.key];
      const text = input.value.trim();
      input.removeAttribute('aria-invalid');
      if (!text && !input.validity.badInput) {
        continue;
      }
      const number = Number(text);
      if (input.validity.badInput || !Number.isFinite(number) || number < n.min || number > n.max || (n.integer && !Number.isInteger(number))) {
        refused = refused || { error: `${n.label} must be ${n.integer ? 'a whole number' : 'a number'} from ${n.min} to ${n.max}, or empty for the default.`, input };
        continue;
      }
      value[n.key] = number;
    }
    const stops = this.stop.value.split('\n').filter((line) => line.length > 0).map(unescape);
    this.stop.removeAttribute('aria-invalid');
    if (stops.length > MAX_STOPS || stops.some((s) => s.length > MAX_STOP_LENGTH)) {
      refused = refused || { error: `Up to ${MAX_STOPS} stop sequences, each at most ${MAX_STOP_LENGTH} characters.`, input: this.stop };
    } else if (stops.length) {
      value.stop = stops;
    }
    this.error.textContent = refused ? refused.error : '';
    this.error.hidden = !refused;
    if (refused) {
      refused.input.setAttribute('aria-invalid', 'true');
      this.details.open = true;
      return refused;
    }
    return { value };
  }

  show(sampling) {
    const s = sampling || {};
    for (const n of NUMBERS) {
      this.inputs[n.key].value = s[n.key] ?? '';
    }
    this.stop.value = (s.stop || []).map(escape).join('\n');
    this.check();
    if (Object.keys(s).length) {
      this.details.open = true;
    }
  }
}

export function isEmptySampling(sampling) {
  return !sampling || Object.keys(sampling).length === 0;
}
