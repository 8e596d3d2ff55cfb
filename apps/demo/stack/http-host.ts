import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeHttpServer } from '@billing-kit/server';

export interface HttpHost {
  server: Server;
  origin: string;
  /** Hands requests to the app once it exists; until then they get a 503 saying the demo is starting. */
  serve(app: RequestListener): void;
  close(graceMs?: number): Promise<void>;
}

/**
 * The demo's one origin, bound before anything else: its port (possibly 0) has to be known before the
 * emulator's webhook endpoint and the billing server's allowed return URLs can name it.
 */
export async function listen(port: number, host: string): Promise<HttpHost> {
  let app: RequestListener | null = null;
  const server = createServer((request, response) => {
    if (app) return app(request, response);
    response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
    response.end(JSON.stringify({ error: { code: 'internal', message: 'The demo is starting' } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${host}:${bound}`,
    serve(next) {
      app = next;
    },
    close: (graceMs = 5_000) => closeHttpServer(server, graceMs),
  };
}
