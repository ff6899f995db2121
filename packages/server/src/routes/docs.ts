import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { open } from '../middleware/endpoint';
import { openapiDocument } from '../openapi-document';

// Swagger UI is served from the installed package, so the docs work without internet access.
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>SIGMAX API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css" />
</head>
<body>
  <div id="ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#ui', deepLinking: true, persistAuthorization: true });`;

export const openapiRoutes = new Hono<AppEnv>().get(
  '/',
  open((c) => c.json(openapiDocument())),
);

export const docsRoutes = new Hono<AppEnv>()
  .get(
    '/',
    open((c) => c.html(page)),
  )
  .get(
    '/init.js',
    open((c) => c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })),
  );
// One static route per asset rather than `/:asset`: a parameter beside `/init.js` would keep Hono
// from using its fastest router (RegExpRouter) for the whole app, and every request would pay for it.
for (const [asset, type] of Object.entries(assets)) {
  docsRoutes.get(
    `/${asset}`,
    open(async (c) => {
      const body = await readFile(join(swaggerDir, asset));
      return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    }),
  );
}
