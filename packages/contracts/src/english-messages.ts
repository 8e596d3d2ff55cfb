import * as z from 'zod/mini';

/**
 * `zod/mini` loads no locale: every issue would read "Invalid input". The server and the mocks answer
 * people with these messages (`details.issues`), and classic zod used to install English on import, so
 * the modules that validate for people (the route tables, the config schema) install it when loaded,
 * unless the host configured a locale of its own first. Browser code that never loads them pays nothing.
 */
export function ensureEnglishMessages(): void {
  if (!z.config().localeError) z.config(z.locales.en());
}
