import type { RouteDefinition, RouteName, RouteOutput, Routes } from '@billing-kit/contracts';
import type * as z from 'zod/mini';
import type { Identity } from '../auth/identity.js';

type Parsed<Schema> = Schema extends z.ZodMiniType ? z.output<Schema> : undefined;

/** What a route handler receives: validated input and who is calling. Nothing of Express leaks in. */
export interface RouteCall<Route extends RouteDefinition> {
  params: Parsed<Route['params']>;
  query: Parsed<Route['query']>;
  body: Parsed<Route['body']>;
  identity: Identity | null;
  requestId: string;
  /** The `Idempotency-Key` header, for idempotent routes. */
  idempotencyKey: string | undefined;
}

export type RouteHandler<Route extends RouteDefinition> = (
  call: RouteCall<Route>,
) => Promise<RouteOutput<Route>>;

export type RouteHandlers = { [Name in RouteName]?: RouteHandler<Routes[Name]> };
