import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>billing-kit demo</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>billing-kit demo</h1>
<p>The demo stack is running, but the demo UI is not built: <code>apps/demo</code> has no
<code>vite.config.ts</code> and <code>index.html</code> yet.</p>
<p>The APIs are live: <a href="/demo/session"><code>/demo/session</code></a> lists the personas and their tokens,
and <code>/api/billing</code> serves the billing API.</p>
</body></html>`;

/**
 * The built demo app from `dist/`, with the SPA fallback: any other GET that wants HTML gets `index.html`,
 * so deep links (`/account`, `/admin/customers/…`) survive a reload. Without a build, a page that says so.
 */
export function staticApp(distDir: string): Router {
  const router = express.Router();
  const indexHtml = join(distDir, 'index.html');
  router.use(express.static(distDir, { index: 'index.html', maxAge: 0 }));
  router.get(/.*/, (request, response, next) => {
    if (!request.accepts('html')) return next();
    if (existsSync(indexHtml)) return response.sendFile(indexHtml);
    response.type('html').send(notBuiltPage);
  });
  return router;
}
