// The floor under the server's idle memory on PGlite: the embedded database alone, opened exactly as
// the server opens it (same start parameters, migrations applied), in a process that loads nothing
// else. Says where it runs once it has answered a query; the memory benchmark reads the process from
// outside.
import { pathToFileURL } from 'node:url';
import { openDatabase } from '@sigmax/server';

const dataDir = process.env.SIGMAX_DATA_DIR ?? '';
const database = await openDatabase({ dataDir });
await database.ping();
process.stdout.write(`PGlite is running at ${pathToFileURL(dataDir)}\n`);

// Nothing else holds the event loop open: this timer keeps the process alive until SIGTERM.
const keepAlive = setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  clearInterval(keepAlive);
  void database.close().then(() => process.exit(0));
});
