import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id.js';

/** One structured line per request, with its id, route template, status and duration. */
export function logRequests(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId: requestIdOf(request),
        method: request.method,
        route: request.routeTemplate ?? 'unmatched',
        status: response.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (response.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    next();
  };
}
