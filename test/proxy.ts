/**
 * A small round-robin reverse proxy for the two-instance test (test/two-instances.test.ts): what a
 * load balancer in front of several Schakel instances does, in as little code as can be checked.
 *
 * Each request goes to the next upstream in turn over a new connection (no keep-alive to the
 * upstream, so a connection is never reused after the app closed it). It is retried on the other
 * upstream only when it provably never reached an app: the connection to the upstream was never
 * established (ECONNREFUSED and the like, before `connect`). An error after the connection was made
 * (a reset mid-request) may mean the app did the work, so it is answered with a 502 and not retried —
 * the client decides. The request body is buffered first so that a retry can send it again.
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyStats {
  /** Requests answered by each upstream (index into `upstreams`). */
  served: number[];
  /** Requests sent to another upstream because the connection to the first one was refused. */
  retried: number;
  /** Requests answered with the proxy's own 502. */
  badGateway: number;
}

export interface LoadBalancer {
  url: string;
  stats: ProxyStats;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type Attempt =
  | { kind: 'response'; res: IncomingMessage }
  | { kind: 'not-connected'; error: Error }
  | { kind: 'failed'; error: Error };

function forward(port: number, req: IncomingMessage, body: Buffer): Promise<Attempt> {
  return new Promise((resolve) => {
    let connected = false;
    const headers = { ...req.headers, connection: 'close', 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: false },
      (res) => resolve({ kind: 'response', res }),
    );
    upstream.on('socket', (socket) => socket.on('connect', () => (connected = true)));
    upstream.on('error', (error) => resolve({ kind: connected ? 'failed' : 'not-connected', error }));
    upstream.end(body);
  });
}

export async function startProxy(upstreams: number[], port = 0): Promise<LoadBalancer> {
  const stats: ProxyStats = { served: upstreams.map(() => 0), retried: 0, badGateway: 0 };
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const first = next;
    next = (next + 1) % upstreams.length;
    for (let i = 0; i < upstreams.length; i += 1) {
      const index = (first + i) % upstreams.length;
      const attempt = await forward(upstreams[index] as number, req, body);
      if (attempt.kind === 'response') {
        stats.served[index] = (stats.served[index] ?? 0) + 1;
        const headers = { ...attempt.res.headers };
        delete headers.connection;
        res.writeHead(attempt.res.statusCode ?? 502, headers);
        attempt.res.pipe(res);
        return;
      }
      if (attempt.kind === 'failed') break; // may have reached the app: never retried
      if (i < upstreams.length - 1) stats.retried += 1;
    }
    stats.badGateway += 1;
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
