import type { Server } from 'node:http';

/**
 * Stops `server` accepting connections and resolves once in-flight requests are answered. `close()` alone
 * would wait for every keep-alive socket to time out, since a socket turns idle once its request is
 * answered, so idle sockets are swept until it resolves; whatever is still open after `graceMs` is cut.
 */
export async function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearInterval(sweeper);
  clearTimeout(deadline);
}
