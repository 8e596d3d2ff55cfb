import { type ErrorBody, type ErrorCode, errorCodes } from '@billing-kit/contracts';
import { BillingApiError } from './billing-api-error.js';

/** When a body is not our error shape (a proxy's HTML page, say), the status alone decides the code. */
const codeByStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  402: 'insufficient_credits',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_failed',
  429: 'rate_limited',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Recognises `ErrorBody` without its zod schema, which would bring zod into every browser bundle: a code
 * from the closed list, a message, and details that are an object when present.
 */
function isErrorBody(value: unknown): value is ErrorBody {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  const { code, message, details } = value.error;
  return (
    typeof code === 'string' &&
    (errorCodes as readonly string[]).includes(code) &&
    typeof message === 'string' &&
    message !== '' &&
    (details === undefined || isRecord(details))
  );
}

export async function errorFromResponse(response: Response): Promise<BillingApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text().catch(() => '');
  const body = safeJson(text);
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new BillingApiError({
      status: response.status,
      code,
      message,
      ...(details ? { details } : {}),
      ...(requestId ? { requestId } : {}),
    });
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new BillingApiError({
    status: response.status,
    code: codeByStatus[response.status] ?? 'internal',
    message: `The billing server answered ${response.status} ${response.statusText}`.trim(),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { details: { retryAfterSeconds: retryAfter } } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

export function safeJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
