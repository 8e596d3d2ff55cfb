import { type ErrorBody, errorBody } from '@billing-kit/contracts';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { BillingError } from '../billing-error.js';
import { requestIdOf } from './request-id.js';

function isBodyParserError(error: unknown): error is { type: string; status: number } {
  return typeof error === 'object' && error !== null && 'type' in error && typeof error.type === 'string';
}

/** The caller's mistakes as 4xx naming what was wrong; anything else as a bare 500 with the request id. */
export function toErrorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof BillingError) {
    return { status: error.status, body: errorBody(error.code, error.message, error.details) };
  }
  if (isBodyParserError(error)) {
    const message =
      error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : error.type === 'entity.too.large'
          ? 'The request body is too large'
          : error.type === 'encoding.unsupported' || error.type === 'charset.unsupported'
            ? 'The request body encoding is not supported'
            : undefined;
    if (message) {
      return {
        status: 400,
        body: errorBody('validation_failed', message, { issues: [{ field: 'body', message }] }),
      };
    }
  }
  return {
    status: 500,
    body: errorBody('internal', 'Something went wrong on our side', { requestId }),
  };
}

export function handleErrors(logger: Logger) {
  // Express recognizes error middleware by its four parameters.
  return (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const requestId = requestIdOf(request);
    const { status, body } = toErrorResponse(error, requestId);
    if (status >= 500 && !(error instanceof BillingError))
      logger.error({ err: error, requestId }, 'unexpected error');
    if (response.headersSent) return;
    const retryAfter = body.error.details?.retryAfterSeconds;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  };
}

export function unknownRoute(request: Request, _response: Response, next: NextFunction): void {
  next(new BillingError('not_found', `No endpoint ${request.method} ${request.path}`));
}
