import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';
// A caller's id is reused so logs join across services, but only if it is short and plain: it lands in
// logs and headers verbatim.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId?: string;
  }
}

export function requestIdOf(request: Request): string {
  return request.requestId ?? 'unknown';
}

export function requestId(request: Request, response: Response, next: NextFunction): void {
  if (!request.requestId) {
    const incoming = request.get(REQUEST_ID_HEADER);
    request.requestId = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  }
  response.setHeader(REQUEST_ID_HEADER, request.requestId);
  next();
}
