import { en } from 'zod/locales';
import * as z from 'zod/mini';

/**
 * `zod/mini` loads no locale: every issue would read "Invalid input". The server and the mocks answer
 * people with these messages (`details.issues`), and classic zod used to install English on import, so
 * the modules that validate for people (the route tables, the config schema) install it when loaded,
 * unless the host configured a locale of its own first. Browser code that never loads them pays nothing.
 * (`z.locales.en` would bring every locale into a bundle; the named import brings one.)
 */
export function ensureEnglishMessages(): void {
  if (!z.config().localeError) z.config(en());
}
