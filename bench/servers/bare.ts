// A bare Hono app on @hono/node-server: the baseline the SIGMAX server is compared with.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/hello', (c) => c.text('hello'));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`bare hono listening at http://127.0.0.1:${info.port}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
