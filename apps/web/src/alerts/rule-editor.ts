/**
 * The rules editor: a form per rule kind that creates or replaces a rule. Validation is the
 * server's: a refusal is shown next to the field it names (or above the buttons when it names none).
 * @module
 */
import { ALERT_RULE_KINDS } from '@tickdeck/protocol';
import type { AlertRule, AlertRuleKind } from '@tickdeck/protocol';
import { ProblemError } from '../data/rest.js';
import { classifyError } from '../errors/classify-error.js';
import { el, setText } from '../util/dom.js';
import { saveRule } from './alerts-api.js';
import { COMMON_FIELDS, KIND_FIELDS, fieldOfPointer, formFromRule, ruleFromForm } from './rule-fields.js';
import type { FieldSpec } from './rule-fields.js';

let formCount = 0;

export class RuleEditor {
  readonly element: HTMLFormElement;
  private readonly kind: HTMLSelectElement;
  private readonly enabled: HTMLInputElement;
  private readonly common = el('div', { class: 'form-grid' });
  private readonly specific = el('div', { class: 'form-grid' });
  private readonly formError = el('p', {
    class: 'form-error',
    attrs: { role: 'alert', 'data-error-for': '' },
  });
  private readonly status = el('p', {
    class: 'dim',
    attrs: { role: 'status', 'data-testid': 'rule-status' },
  });
  private readonly heading = el('h2', { text: 'New rule' });
  private readonly save = el('button', { text: 'Create rule', class: 'primary', attrs: { type: 'submit' } });
  private readonly inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private editing: string | undefined;
  private readonly prefix = `rule-${++formCount}`;

  constructor(private readonly onSaved: (rule: AlertRule) => void) {
    this.kind = el('select', { attrs: { id: `${this.prefix}-kind`, name: 'kind', 'data-field': 'kind' } });
    for (const k of ALERT_RULE_KINDS) this.kind.append(el('option', { text: k, attrs: { value: k } }));
    this.kind.addEventListener('change', () => this.renderSpecific(this.values()));
    this.enabled = el('input', {
      attrs: { type: 'checkbox', name: 'enabled', id: `${this.prefix}-enabled` },
    });
    this.enabled.checked = true;
    const cancel = el('button', { text: 'New rule', attrs: { type: 'button', 'data-action': 'new' } });
    cancel.addEventListener('click', () => this.reset());
    this.element = el(
      'form',
      { class: 'panel rule-editor', attrs: { 'data-testid': 'rule-editor', novalidate: '' } },
      this.heading,
      el(
        'div',
        { class: 'form-grid' },
        el(
          'label',
          { class: 'field', attrs: { for: this.kind.id } },
          el('span', { text: 'Kind' }),
          this.kind,
        ),
        el(
          'label',
          { class: 'field check', attrs: { for: this.enabled.id } },
          this.enabled,
          el('span', { text: 'Enabled' }),
        ),
      ),
      this.common,
      this.specific,
      this.formError,
      el('div', { class: 'controls' }, this.save, cancel),
      this.status,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.common.append(...COMMON_FIELDS.map((f) => this.field(f)));
    this.renderSpecific({});
  }

  /** Load a rule to change it (its id stays). */
  edit(rule: AlertRule): void {
    this.editing = rule.id;
    this.kind.value = rule.kind;
    this.kind.disabled = false;
    this.enabled.checked = rule.enabled;
    const values = formFromRule(rule);
    this.renderSpecific(values);
    for (const f of COMMON_FIELDS) this.inputs.get(f.name)!.value = values[f.name] ?? '';
    (this.inputs.get('id') as HTMLInputElement).readOnly = true;
    setText(this.heading, `Edit rule ${rule.id}`);
    setText(this.save, 'Save changes');
    this.clearErrors();
    setText(this.status, '');
    this.element.scrollIntoView({ block: 'nearest' });
  }

  /** Back to an empty "new rule" form. */
  reset(): void {
    this.editing = undefined;
    this.element.reset();
    this.enabled.checked = true;
    (this.inputs.get('id') as HTMLInputElement).readOnly = false;
    this.inputs.get('severity')!.value = 'warning';
    this.renderSpecific({});
    setText(this.heading, 'New rule');
    setText(this.save, 'Create rule');
    this.clearErrors();
  }

  private field(f: FieldSpec): HTMLElement {
    const id = `${this.prefix}-${f.name}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.type === 'select') {
      input = el('select', { attrs: { id, name: f.name } });
      for (const o of f.options ?? []) input.append(el('option', { text: o, attrs: { value: o } }));
      if (f.name === 'severity') input.value = 'warning';
    } else {
      // Text even for numbers: what was typed reaches the server, whose message names the field.
      input = el('input', {
        attrs: {
          id,
          name: f.name,
          type: 'text',
          autocomplete: 'off',
          ...(f.type === 'number' ? { inputmode: 'decimal' } : {}),
        },
      });
      if (f.placeholder) input.placeholder = f.placeholder;
    }
    const error = el('span', {
      class: 'field-error',
      attrs: { 'data-error-for': f.name, id: `${id}-error` },
    });
    input.setAttribute('aria-describedby', error.id);
    this.inputs.set(f.name, input);
    this.errors.set(f.name, error);
    return el(
      'label',
      { class: 'field', attrs: { for: id } },
      el('span', { text: f.optional ? `${f.label} (optional)` : f.label }),
      input,
      error,
    );
  }

  private renderSpecific(values: Record<string, string>): void {
    const kind = this.kind.value as AlertRuleKind;
    for (const f of KIND_FIELDS[kind]) {
      this.inputs.delete(f.name);
      this.errors.delete(f.name);
    }
    const fields = KIND_FIELDS[kind].map((f) => {
      const node = this.field(f);
      const input = this.inputs.get(f.name)!;
      const v = values[f.name];
      if (v !== undefined && v !== '') input.value = v;
      return node;
    });
    this.specific.replaceChildren(...fields);
    // A metric rule is named by its metric: the Name field does not apply.
    this.inputs.get('title')!.closest('label')!.hidden = kind === 'metric';
  }

  private values(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, input] of this.inputs) out[name] = input.value;
    return out;
  }

  private clearErrors(): void {
    for (const [name, e] of this.errors) {
      setText(e, '');
      this.inputs.get(name)?.removeAttribute('aria-invalid');
    }
    setText(this.formError, '');
  }

  private async submit(): Promise<void> {
    this.clearErrors();
    const kind = this.kind.value as AlertRuleKind;
    const rule = ruleFromForm(kind, this.values(), this.enabled.checked);
    this.save.disabled = true;
    setText(this.status, 'Saving…');
    try {
      const saved = await saveRule(rule, this.editing !== undefined);
      setText(this.status, `Saved rule ${saved.id}.`);
      this.reset();
      this.onSaved(saved);
    } catch (error) {
      setText(this.status, '');
      const name = error instanceof ProblemError ? fieldOfPointer(error.field, kind) : undefined;
      const target = name === undefined ? undefined : this.errors.get(name);
      const message =
        error instanceof ProblemError && error.status === 400 ? error.message : classifyError(error).title;
      if (target) {
        setText(target, message.replace(/^\/\S*\s+/, ''));
        this.inputs.get(name!)?.setAttribute('aria-invalid', 'true');
        this.inputs.get(name!)?.focus();
      } else {
        setText(this.formError, message);
      }
    } finally {
      this.save.disabled = false;
    }
  }
}
