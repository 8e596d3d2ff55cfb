import * as z from 'zod/mini';
import { errorCodes } from './error-codes.js';

export const ErrorCode = z.enum(errorCodes).check(z.meta({ id: 'ErrorCode' }));
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with one input field, named by its path (`body.planId`, `query.limit`). */
export const FieldIssue = z
  .object({
    field: z.string().check(z.describe('Dotted path of the offending input, prefixed with its location.')),
    message: z.string(),
  })
  .check(z.meta({ id: 'FieldIssue' }));
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorDetails = z
  .catchall(
    z.object({
      issues: z.optional(z.array(FieldIssue)),
      feature: z.optional(z.string()),
      requested: z.optional(z.number()),
      remaining: z.optional(z.nullable(z.number())),
      retryAfterSeconds: z.optional(z.number()),
      missing: z.optional(z.array(z.string())).check(z.describe('Environment variables that are not set.')),
    }),
    z.unknown(),
  )
  .check(z.meta({ id: 'ErrorDetails' }));
export type ErrorDetails = z.infer<typeof ErrorDetails>;

/** The one error shape every endpoint answers with. Never carries a stack trace. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string().check(z.minLength(1)),
      details: z.optional(ErrorDetails),
    }),
  })
  .check(z.meta({ id: 'ErrorBody' }));
export type ErrorBody = z.infer<typeof ErrorBody>;

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetails): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps zod issues to field issues, prefixing each path with where the input came from. */
export function fieldIssues(
  location: 'params' | 'query' | 'body' | 'headers',
  error: z.core.$ZodError,
): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
