/**
 * The Schakel server for the benchmark, in a worker thread of the bench process: the real app
 * (buildApp) over the bench database, connected as the application login role. A thread of its own
 * keeps the load generator's event loop from queueing in front of the server's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from '../src/app.js';
import { type BenchUrls, openBenchDeps } from './setup.js';

const { urls, secretKeyHex, poolSize } = workerData as { urls: BenchUrls; secretKeyHex: string; poolSize: number };
const deps = await openBenchDeps(urls, { poolSize, secretKey: Buffer.from(secretKeyHex, 'hex') });
const app = await buildApp(deps, { logger: false, serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
parentPort?.on('message', async (message: unknown) => {
  if (message === 'close') {
    await app.close();
    await deps.db.close();
    parentPort?.postMessage('closed');
  }
});
