import { ErrorBody, type ErrorCode } from '@billing-kit/contracts';
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

export async function errorFromResponse(response: Response): Promise<BillingApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text().catch(() => '');
  const parsed = ErrorBody.safeParse(safeJson(text));
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
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
