import { type FieldIssue, fieldIssues, type RouteDefinition } from '@billing-kit/contracts';
import type { Request, RequestHandler, Router } from 'express';
import { authorize } from '../auth/access.js';
import type { Identity } from '../auth/identity.js';
import { BillingError } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import { type ReplayableAnswer, runOnce } from './idempotent-replay.js';
import { requestIdOf } from './request-id.js';
import type { RouteCall, RouteHandler } from './route-handler.js';

export interface RouteGuards {
  identify(request: Request): Promise<Identity | null>;
  /** A stable key for the caller (user, API key or address), scoping rate limits and idempotency keys. */
  callerKey(identity: Identity | null, request: Request): string;
  /** Where answers to idempotent requests are kept; without it keys are only passed on to Stripe. */
  idempotencyStore?: Executor | undefined;
  /** Routes whose domain makes the key idempotent itself (usage events keyed by it): no stored replay. */
  selfIdempotentRoutes?: ReadonlySet<string>;
  /** Throws `rate_limited` when the caller has used up this route's budget. */
  limitRate(routeName: string, identity: Identity | null, request: Request): void;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function parsePart(
  location: 'params' | 'query' | 'body',
  schema: RouteDefinition['body'],
  value: unknown,
  issues: FieldIssue[],
): unknown {
  if (!schema) return undefined;
  // No body at all reads as an empty object, so each missing field is named rather than "expected object".
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  issues.push(...fieldIssues(location, parsed.error));
  return undefined;
}

function idempotencyKeyOf(request: Request, issues: FieldIssue[]): string | undefined {
  const key = request.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    issues.push({ field: 'headers.idempotency-key', message: '1 to 255 printable ASCII characters' });
  }
  return key;
}

/**
 * Mounts one route of the contract table: authenticate, authorize, rate-limit, validate every input part
 * (all problems at once, each naming its field), call the domain, and check the answer against the
 * route's response schema before it leaves.
 */
export function mountRoute<Route extends RouteDefinition>(
  router: Router,
  name: string,
  route: Route,
  handler: RouteHandler<Route>,
  guards: RouteGuards,
  /** Middleware run before this route's handler only (a body parser where the router has none). */
  before: readonly RequestHandler[] = [],
): void {
  const successStatus = Number(Object.keys(route.responses)[0]);
  const responseSchema = route.responses[successStatus];
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](route.path, ...before, async (request, response) => {
    request.routeTemplate = route.path;
    const identity = route.auth === 'public' ? null : await guards.identify(request);
    const pathAccountId = request.params.accountId;
    authorize(route.auth, identity, typeof pathAccountId === 'string' ? pathAccountId : undefined);
    if (route.rateLimited) guards.limitRate(name, identity, request);
    const issues: FieldIssue[] = [];
    const call = {
      params: parsePart('params', route.params, request.params, issues),
      query: parsePart('query', route.query, request.query, issues),
      body: parsePart('body', route.body, request.body, issues),
      identity,
      requestId: requestIdOf(request),
      idempotencyKey: route.idempotent ? idempotencyKeyOf(request, issues) : undefined,
    } as RouteCall<Route>;
    if (issues.length > 0) {
      throw new BillingError(
        'validation_failed',
        `Invalid ${issues.map((issue) => issue.field).join(', ')}`,
        {
          issues,
        },
      );
    }
    const run = async (): Promise<ReplayableAnswer> => {
      const output = await handler(call);
      const checked = responseSchema
        ? responseSchema.safeParse(output)
        : { success: true as const, data: output };
      if (!checked.success) {
        throw new Error(`${name} answered outside its contract: ${JSON.stringify(checked.error.issues)}`);
      }
      return { status: successStatus, body: checked.data };
    };
    const store = guards.selfIdempotentRoutes?.has(name) ? undefined : guards.idempotencyStore;
    const answer =
      store && call.idempotencyKey !== undefined
        ? await runOnce(
            store,
            {
              scope: `${guards.callerKey(identity, request)}:${name}`,
              key: call.idempotencyKey,
              input: { params: call.params, query: call.query, body: call.body },
            },
            run,
          )
        : await run();
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(answer.status).json(answer.body);
  });
}
