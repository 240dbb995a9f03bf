import { api } from './api.js';
import { displayName } from './format.js';
import { isEmptySampling, SamplingFields } from './sampling-fields.js';

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

/** With accounts the defaults live on the server too (GET/PUT /api/me/defaults), the same on every device. */
let accountDefaults = false;
let pushTimer = 0;

function saveDefaults(settings) {
  try {
    localStorage.setItem(DEFAULTS_KEY, JSON.stringify(settings));
  } catch {
    // private mode or full storage: the defaults are a convenience
  }
  if (accountDefaults) {
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => {
      const { model, temperature, maxTokens, systemPrompt } = settings;
      api.put('/api/me/defaults', { model: model || null, temperature, maxTokens: maxTokens || null, systemPrompt: systemPrompt || null })
        .catch(() => {}); // the browser's copy stays; the next change tries again
    }, 800);
  }
}

/**
 * Signed in with an account: takes the account's defaults from the server (what was set on another device) into this
 * browser's copy, and from now on saves them there too. Resolves to whether the server keeps them.
 */
export async function followAccountDefaults() {
  try {
    const stored = await api.get('/api/me/defaults');
    accountDefaults = true;
    const local = loadDefaults();
    const merged = { ...local };
    for (const field of ['model', 'temperature', 'maxTokens', 'systemPrompt']) {
      if (stored[field] !== null && stored[field] !== undefined) {
        merged[field] = stored[field];
      }
    }
    localStorage.setItem(DEFAULTS_KEY, JSON.stringify(merged));
    return true;
  } catch {
    return false; // no accounts (404) or not reachable: the browser keeps its own
  }
}

const MAX_INT = 2147483647;

/**
 * The checks of the number fields, the same the server makes: {value} when the text is acceptable, {error} when not.
 * An empty max tokens is the model's default.
 */
export const CHECKS = {
  temperature(text, badInput) {
    const value = Number(text.trim());
    if (badInput || !text.trim() || !Number.isFinite(value) || value < 0 || value > 2) {
      return { error: 'Temperature must be a number from 0 to 2.' };
    }
    return { value };
  },
  maxTokens(text, badInput) {
    if (!badInput && !text.trim()) {
      return { value: null };
    }
    const value = Number(text.trim());
    if (badInput || !Number.isInteger(value) || value < 1 || value > MAX_INT) {
      return { error: 'Max tokens must be a whole number of at least 1, or empty for the model\'s default.' };
    }
    return { value };
  },
};

/** The settings a conversation uses, falling back to the defaults for what it does not say. */
export function settingsOf(conversation) {
  const defaults = loadDefaults();
  if (!conversation) {
    return {
      model: defaults.model || '',
      temperature: defaults.temperature ?? DEFAULT_TEMPERATURE,
      maxTokens: defaults.maxTokens ?? null,
      systemPrompt: defaults.systemPrompt || '',
      sampling: defaults.sampling || {},
    };
  }
  return {
    model: conversation.model || defaults.model || '',
    temperature: conversation.temperature ?? defaults.temperature ?? DEFAULT_TEMPERATURE,
    maxTokens: conversation.maxTokens ?? null,
    systemPrompt: conversation.systemPrompt || '',
    sampling: conversation.sampling || {},
  };
}

/**
 * The settings panel: model picker (loaded models first and marked, embedding models hidden),
 * temperature, max tokens and system prompt. Calls onChange(field, value, all) once per edit;
 * typing in the system prompt is debounced. A temperature or max tokens out of range is refused next to its field
 * and keeps the focus: it is neither saved nor sent (the last accepted value is used until it is fixed).
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
    this.errors = { temperature: form.querySelector('#temperature-error'), maxTokens: form.querySelector('#max-tokens-error') };
    this.inputs = { temperature: this.temperature, maxTokens: this.maxTokens };
    this.accepted = { temperature: DEFAULT_TEMPERATURE, maxTokens: null };
    this.sampling = new SamplingFields(form, () => this.changed('sampling'));
    this.manager = new ModelManager(this.hint, () => this.selectedModel(), () => this.reloadModels());
    this.models = [];
    this.defaultModel = null;
    this.timer = 0;

    form.addEventListener('submit', (event) => event.preventDefault());
    this.model.addEventListener('change', () => {
      this.changed('model');
      this.manager.show(this.selectedModel(), this.canManage);
    });
    this.range.addEventListener('input', () => {
      this.temperature.value = this.range.value;
    });
    this.range.addEventListener('change', () => this.changed('temperature'));
    this.temperature.addEventListener('input', () => {
      this.range.value = this.temperature.value;
      this.recheck('temperature');
    });
    this.maxTokens.addEventListener('input', () => this.recheck('maxTokens'));
    this.temperature.addEventListener('change', () => this.changed('temperature'));
    this.maxTokens.addEventListener('change', () => this.changed('maxTokens'));
    this.systemPrompt.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed('systemPrompt'), 700);
    });
    this.systemPrompt.addEventListener('change', () => this.changed('systemPrompt'));
  }

  /** The check of a number field, shown next to it; null when the field is not a checked one. */
  check(field) {
    if (field === 'sampling') {
      return this.sampling.check();
    }
    const input = this.inputs[field];
    if (!input) {
      return null;
    }
    const result = CHECKS[field](input.value, input.validity.badInput);
    const error = this.errors[field];
    error.textContent = result.error || '';
    error.hidden = !result.error;
    if (result.error) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
    return result;
  }

  /** While a refusal is shown, it goes away as soon as the text is fixed. */
  recheck(field) {
    if (!this.errors[field].hidden) {
      this.check(field);
    }
  }

  changed(field) {
    const checked = this.check(field);
    if (checked && checked.error) {
      const input = checked.input || this.inputs[field];
      // change fires as focus leaves: take it back once the browser has moved it.
      setTimeout(() => input.focus());
      return;
    }
    if (checked && field !== 'sampling') {
      this.accepted[field] = checked.value;
    }
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
    this.canManage = Boolean(catalog && catalog.canManage);
    this.hint.textContent = catalog
      ? '● marks models loaded in LM Studio.'
      : 'The model list is unavailable while LM Studio is offline.';
    this.fillModels(this.model.value);
  }

  /** Asks for the model list again (after a load or an eject). */
  async reloadModels() {
    try {
      this.setModels(await api.get('/api/models'));
    } catch {
      this.setModels(null);
    }
  }

  /** The model the picker shows, or the server's default when none is chosen; null when unknown. */
  selectedModel() {
    const id = this.model.value || this.defaultModel;
    return this.models.find((m) => m.id === id) || null;
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
    this.manager.show(this.selectedModel(), this.canManage);
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
    this.accepted = { temperature: settings.temperature, maxTokens: settings.maxTokens ?? null };
    this.check('temperature');
    this.check('maxTokens');
    this.systemPrompt.value = settings.systemPrompt || '';
    this.savedPrompt = this.systemPrompt.value;
    this.sampling.show(settings.sampling);
    this.acceptedSampling = settings.sampling || {};
  }

  /** The settings shown, with the last accepted value for a number field that is refused. */
  read() {
    const number = (field) => {
      const result = CHECKS[field](this.inputs[field].value, this.inputs[field].validity.badInput);
      return result.error ? this.accepted[field] : result.value;
    };
    return {
      model: this.model.value,
      temperature: number('temperature'),
      maxTokens: number('maxTokens'),
      systemPrompt: this.systemPrompt.value,
      sampling: this.readSampling(),
    };
  }

  /** The sampling settings shown, or the last accepted ones while a field is refused. */
  readSampling() {
    const result = this.sampling.check();
    if (result.error) {
      return this.acceptedSampling || {};
    }
    this.acceptedSampling = result.value;
    return result.value;
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
    if (!isEmptySampling(s.sampling)) {
      body.sampling = s.sampling;
    }
    return body;
  }
}

/** "32,768" */
function tokens(n) {
  return Number(n).toLocaleString('en-US');
}

/** What is known about a model, in one line: loaded state, context window, capabilities. */
export function modelFacts(m) {
  if (!m) {
    return '';
  }
  const facts = [];
  if (m.state) {
    facts.push(m.state === 'loaded' ? 'Loaded' : 'Not loaded');
  }
  if (m.contextLength && m.maxContextLength && m.contextLength !== m.maxContextLength) {
    facts.push(`context ${tokens(m.contextLength)} of ${tokens(m.maxContextLength)} tokens`);
  } else if (m.contextLength || m.maxContextLength) {
    facts.push(`context ${tokens(m.contextLength || m.maxContextLength)} tokens`);
  } else {
    facts.push('context window unknown');
  }
  if (m.vision) {
    facts.push('vision');
  }
  if (m.toolUse) {
    facts.push('tool use');
  }
  if (m.reasoning) {
    facts.push('reasoning');
  }
  return facts.join(' · ');
}

/**
 * Under the model picker: the selected model's facts and, on LM Studio 0.4+ for those allowed, Load (with a context
 * length; LM Studio answers when loading is done, so the elapsed time is shown meanwhile) and Eject.
 * Built with DOM calls and textContent only: model names come from the server.
 */
class ModelManager {
  constructor(after, selected, reload) {
    this.selected = selected;
    this.reload = reload;
    this.root = document.createElement('div');
    this.root.className = 'model-details';
    this.root.dataset.testid = 'model-details';
    this.facts = document.createElement('p');
    this.facts.className = 'field__hint';
    this.facts.dataset.testid = 'model-facts';
    this.controls = document.createElement('div');
    this.controls.className = 'field__pair';
    this.controls.hidden = true;
    this.context = document.createElement('input');
    this.context.type = 'number';
    this.context.min = '256';
    this.context.step = '256';
    this.context.inputMode = 'numeric';
    this.context.placeholder = 'Context length';
    this.context.setAttribute('aria-label', 'Context length to load the model with');
    this.context.dataset.testid = 'model-context-input';
    this.load = button('Load', 'load-model');
    this.eject = button('Eject', 'eject-model');
    this.controls.append(this.context, this.load, this.eject);
    this.status = document.createElement('p');
    this.status.className = 'field__hint';
    this.status.setAttribute('aria-live', 'polite');
    this.status.dataset.testid = 'model-manage-status';
    this.root.append(this.facts, this.controls, this.status);
    after.after(this.root);
    this.busy = false;
    this.load.addEventListener('click', () => this.run('load'));
    this.eject.addEventListener('click', () => this.run('eject'));
  }

  show(model, canManage) {
    this.facts.textContent = modelFacts(model);
    const manageable = Boolean(canManage && model && model.type !== 'embedding' && model.type !== 'embeddings');
    this.controls.hidden = !manageable;
    if (!manageable) {
      return;
    }
    const loaded = model.state === 'loaded';
    this.load.disabled = this.busy || loaded;
    this.eject.disabled = this.busy || !loaded;
    this.context.disabled = this.busy || loaded;
    if (model.maxContextLength) {
      this.context.max = String(model.maxContextLength);
    }
    if (!this.busy) {
      this.context.value = String((loaded ? model.loadedContextLength : null) || Math.min(model.maxContextLength || 4096, 8192));
    }
  }

  async run(action) {
    const model = this.selected();
    if (!model || this.busy) {
      return;
    }
    this.busy = true;
    this.show(model, true);
    const started = performance.now();
    const verb = action === 'load' ? 'Loading' : 'Ejecting';
    const tick = () => {
      const seconds = Math.round((performance.now() - started) / 1000);
      this.status.textContent = `${verb} ${model.id}… ${seconds} s`;
    };
    tick();
    const timer = setInterval(tick, 1000);
    try {
      if (action === 'load') {
        const contextLength = Number.parseInt(this.context.value, 10);
        const body = { model: model.id };
        if (Number.isFinite(contextLength) && contextLength > 0) {
          body.contextLength = contextLength;
        }
        const loaded = await api.post('/api/models/load', body);
        const took = loaded.loadTimeSeconds != null ? `${loaded.loadTimeSeconds.toFixed(1)} s`
          : `${Math.round((performance.now() - started) / 1000)} s`;
        this.status.textContent = loaded.alreadyLoaded
          ? `${model.id} was already loaded.`
          : `Loaded ${model.id}${loaded.contextLength ? ` with ${tokens(loaded.contextLength)} tokens of context` : ''} in ${took}.`;
      } else {
        await api.post('/api/models/eject', { model: model.id });
        this.status.textContent = `Ejected ${model.id}.`;
      }
    } catch (e) {
      this.status.textContent = e && e.message ? e.message : `${verb} ${model.id} failed.`;
    } finally {
      clearInterval(timer);
      this.busy = false;
      await this.reload();
    }
  }
}

function button(label, action) {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = 'button button--small';
  node.textContent = label;
  node.dataset.action = action;
  node.dataset.testid = action;
  return node;
}
