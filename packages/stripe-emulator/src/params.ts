import type { FormObject, FormValue } from './form-body.js';
import { invalidParam, missingParam, unsupportedParam } from './stripe-errors.js';

/** Typed reads of a parsed form body; each error names the Stripe param (`items[0][price]`). */
export class Params {
  readonly raw: FormObject;
  readonly prefix: string;

  constructor(raw: FormObject, prefix = '') {
    this.raw = raw;
    this.prefix = prefix;
  }

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** True when the caller sent the key with an empty value, Stripe's way of saying "unset". */
  isEmpty(key: string): boolean {
    return this.raw[key] === '';
  }

  string(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw invalidParam(this.name(key), `Invalid string: ${this.name(key)}`);
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw missingParam(this.name(key));
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidParam(
        this.name(key),
        `Invalid ${this.name(key)}: must be one of ${allowed.join(', ')}`,
        'parameter_invalid_string',
      );
    }
    return value as T;
  }

  integer(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw invalidParam(this.name(key), `Invalid integer: ${value}`, 'parameter_invalid_integer');
    }
    return Number(value);
  }

  boolean(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') {
      throw invalidParam(this.name(key), `Invalid boolean: ${value}`);
    }
    return value === 'true';
  }

  object(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' || Array.isArray(value)) {
      throw invalidParam(this.name(key), `Invalid object: ${this.name(key)}`);
    }
    return new Params(value, this.name(key));
  }

  list(key: string): Params[] {
    const value = this.raw[key];
    if (value === undefined || value === '') return [];
    if (!Array.isArray(value)) throw invalidParam(this.name(key), `Invalid array: ${this.name(key)}`);
    return value.map((entry, index) => {
      if (typeof entry === 'string' || Array.isArray(entry)) {
        throw invalidParam(`${this.name(key)}[${index}]`, 'Invalid object');
      }
      return new Params(entry, `${this.name(key)}[${index}]`);
    });
  }

  strings(key: string): string[] {
    const value: FormValue | undefined = this.raw[key];
    if (value === undefined || value === '') return [];
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) throw invalidParam(this.name(key), `Invalid array: ${this.name(key)}`);
    return value.map((entry) => {
      if (typeof entry !== 'string') throw invalidParam(this.name(key), 'Invalid array of strings');
      return entry;
    });
  }

  /** Metadata update semantics: an empty value removes the key; `metadata=` clears all. */
  metadata(current: Record<string, string> = {}): Record<string, string> {
    if (this.isEmpty('metadata')) return {};
    const patch = this.object('metadata');
    if (!patch) return { ...current };
    const next = { ...current };
    for (const [key, value] of Object.entries(patch.raw)) {
      if (typeof value !== 'string')
        throw invalidParam(`metadata[${key}]`, 'Metadata values must be strings');
      if (value === '') delete next[key];
      else next[key] = value;
    }
    return next;
  }

  /** Refuses parameters whose meaning the emulator does not model (`tiers`, `discounts`, …). */
  rejectUnsupported(keys: readonly string[]): void {
    for (const key of keys) {
      const value = this.raw[key];
      if (value !== undefined && value !== '') throw unsupportedParam(this.name(key));
    }
  }

  expand(): string[] {
    return this.strings('expand');
  }
}
