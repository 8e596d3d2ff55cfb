import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Persona } from './personas.js';
import type { AdvanceBy } from './time-travel.js';

export interface DemoApiOptions {
  emulatorUrl: string;
  now: () => Date;
  personas: () => readonly Persona[];
  advance: (by: AdvanceBy) => Promise<Date>;
}

const advanceSteps: readonly AdvanceBy[] = ['day', 'month'];

function validationFailed(response: Response, message: string, field: string): void {
  response.status(400).json({
    error: { code: 'validation_failed', message, details: { issues: [{ field, message }] } },
  });
}

/**
 * `/demo/*`: what only the demo needs beside the billing API — who can be impersonated (with a token the
 * billing API accepts) and the time-travel control. Documented in apps/demo/README.md.
 */
export function demoApi(options: DemoApiOptions): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/session', (_request, response) => {
    response.json({
      mode: 'live',
      emulatorUrl: options.emulatorUrl,
      now: options.now().toISOString(),
      personas: options.personas(),
    });
  });

  router.post('/clock/advance', async (request, response, next) => {
    const by: unknown = (request.body as { by?: unknown } | undefined)?.by;
    if (typeof by !== 'string' || !advanceSteps.includes(by as AdvanceBy)) {
      validationFailed(response, 'by must be "day" or "month"', 'body.by');
      return;
    }
    try {
      const now = await options.advance(by as AdvanceBy);
      response.json({ now: now.toISOString() });
    } catch (error) {
      next(error);
    }
  });

  router.use((_request, response) => {
    response.status(404).json({ error: { code: 'not_found', message: 'No such demo route' } });
  });
  router.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (status === 400 || (error as { type?: unknown }).type === 'entity.parse.failed') {
      validationFailed(response, 'The body is not valid JSON', 'body');
      return;
    }
    console.error('[demo] request failed:', error);
    response.status(500).json({ error: { code: 'internal', message: 'The demo server failed' } });
  });
  return router;
}
