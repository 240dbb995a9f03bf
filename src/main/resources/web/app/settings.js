import { displayName } from './format.js';

const DEFAULTS_KEY = 'synin.defaults';
const DEFAULT_TEMPERATURE = 0.7;

/** The settings last used, remembered in this browser as the defaults for new chats. */
export function loadDefaults() {
  try {
    return JSON.parse(localStorage.getItem(DEFAULTS_KEY)) || {};
  } catch {
    return {};
  }
}

function saveDefaults(settings) {
  try {
    localStorage.setItem(DEFAULTS_KEY, JSON.stringify(settings));
  } catch {
    // private mode or full storage: the defaults are a convenience
  }
}

/** The settings a conversation uses, falling back to the defaults for what it does not say. */
export function settingsOf(conversation) {
  const defaults = loadDefaults();
  if (!conversation) {
    return {
      model: defaults.model || '',
      temperature: defaults.temperature ?? DEFAULT_TEMPERATURE,
      maxTokens: defaults.maxTokens ?? null,
      systemPrompt: defaults.systemPrompt || '',
    };
  }
  return {
    model: conversation.model || defaults.model || '',
    temperature: conversation.temperature ?? defaults.temperature ?? DEFAULT_TEMPERATURE,
    maxTokens: conversation.maxTokens ?? null,
    systemPrompt: conversation.systemPrompt || '',
  };
}

/**
 * The settings panel: model picker (loaded models first and marked, embedding models hidden),
 * temperature, max tokens and system prompt. Calls onChange(field, value, all) once per edit;
 * typing in the system prompt is debounced.
 */
export class SettingsPanel {
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    this.model = form.querySelector('#model-select');
    this.range = form.querySelector('#temperature-range');
    this.temperature = form.querySelector('#temperature-input');
    this.maxTokens = form.querySelector('#max-tokens-input');
    this.systemPrompt = form.querySelector('#system-prompt-input');
    this.hint = form.querySelector('#model-hint');
    this.models = [];
    this.defaultModel = null;
    this.timer = 0;

    form.addEventListener('submit', (event) => event.preventDefault());
    this.model.addEventListener('change', () => this.changed('model'));
    this.range.addEventListener('input', () => {
      this.temperature.value = this.range.value;
    });
    this.range.addEventListener('change', () => this.changed('temperature'));
    this.temperature.addEventListener('input', () => {
      this.range.value = this.temperature.value;
    });
    this.temperature.addEventListener('change', () => this.changed('temperature'));
    this.maxTokens.addEventListener('change', () => this.changed('maxTokens'));
    this.systemPrompt.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed('systemPrompt'), 700);
    });
    this.systemPrompt.addEventListener('change', () => this.changed('systemPrompt'));
  }

  changed(field) {
    if (field === 'systemPrompt') {
      clearTimeout(this.timer);
      if (this.systemPrompt.value === this.savedPrompt) {
        return; // the debounced save already sent it
      }
      this.savedPrompt = this.systemPrompt.value;
    }
    const settings = this.read();
    saveDefaults(settings);
    this.onChange(field, settings[field], settings);
  }

  /** Fills the model list from GET /api/models; null when LM Studio could not be asked. */
  setModels(catalog) {
    this.models = catalog ? catalog.models.filter((m) => m.type !== 'embeddings') : [];
    this.defaultModel = catalog ? catalog.defaultModel : null;
    this.hint.textContent = catalog
      ? '● marks models loaded in LM Studio.'
      : 'The model list is unavailable while LM Studio is offline.';
    this.fillModels(this.model.value);
  }

  fillModels(selected) {
    const loaded = this.models.filter((m) => m.state === 'loaded');
    const others = this.models.filter((m) => m.state !== 'loaded');
    const groups = [];
    const group = (label, models) => {
      const node = document.createElement('optgroup');
      node.label = label;
      for (const m of models) {
        node.append(new Option(m.state === 'loaded' ? `● ${displayName(m.id)}` : displayName(m.id), m.id));
      }
      return node;
    };
    if (loaded.length) {
      groups.push(group('Loaded', loaded));
    }
    if (others.length) {
      groups.push(group(loaded.length ? 'Not loaded' : 'Models', others));
    }
    const known = new Set(this.models.map((m) => m.id));
    // Without a choice the server's default model is used: show it as the selection when it is known.
    const wanted = selected || (known.has(this.defaultModel) ? this.defaultModel : '');
    const extra = wanted && !known.has(wanted) ? [new Option(`${displayName(wanted)} (not available)`, wanted)] : [];
    const fallback = wanted ? [] : [new Option('Default model', '')];
    this.model.replaceChildren(...fallback, ...extra, ...groups);
    this.model.value = wanted;
  }

  /** Says for a moment that a change reached the server. */
  saved() {
    const note = this.form.querySelector('#settings-saved');
    note.textContent = 'Saved.';
    clearTimeout(this.savedTimer);
    this.savedTimer = setTimeout(() => {
      note.textContent = 'Saved with this chat and used as the defaults for new chats.';
    }, 2000);
  }

  /** Shows the settings of the conversation now open. */
  show(settings) {
    clearTimeout(this.timer);
    this.fillModels(settings.model);
    this.temperature.value = String(settings.temperature);
    this.range.value = String(settings.temperature);
    this.maxTokens.value = settings.maxTokens ?? '';
    this.systemPrompt.value = settings.systemPrompt || '';
    this.savedPrompt = this.systemPrompt.value;
  }

  read() {
    const temperature = Number.parseFloat(this.temperature.value);
    const maxTokens = Number.parseInt(this.maxTokens.value, 10);
    return {
      model: this.model.value,
      temperature: Number.isFinite(temperature) ? Math.min(2, Math.max(0, temperature)) : DEFAULT_TEMPERATURE,
      maxTokens: Number.isFinite(maxTokens) && maxTokens > 0 ? maxTokens : null,
      systemPrompt: this.systemPrompt.value,
    };
  }

  /** The settings as the chat request sends them (empty values left out). */
  forRequest() {
    const s = this.read();
    const body = { temperature: s.temperature };
    if (s.model) {
      body.model = s.model;
    }
    if (s.maxTokens) {
      body.maxTokens = s.maxTokens;
    }
    if (s.systemPrompt.trim()) {
      body.systemPrompt = s.systemPrompt;
    }
    return body;
  }
}
