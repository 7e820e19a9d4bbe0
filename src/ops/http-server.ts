import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

export type Route = ((req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>) & {
  /** Headers the server adds to the answers it gives for this route itself (413, 500): a page's security headers. */
  headers?: Readonly<Record<string, string>>;
};

const MAX_BODY = 1024 * 1024;

/**
 * The route for a path: an exact match, else the longest key ending in "/" that starts the path
 * ("/f/" serves "/f/<token>"), so links can carry a token in their path.
 */
export function routeFor(routes: Record<string, Route>, path: string): Route | undefined {
  const key = routeKey(routes, path);
  return key === undefined ? undefined : routes[key];
}

/** The key of the route that serves `path` (see routeFor). */
export function routeKey(routes: Record<string, Route>, path: string): string | undefined {
  if (routes[path]) return path;
  let best: string | undefined;
  for (const key of Object.keys(routes)) if (key.endsWith('/') && path.startsWith(key) && (!best || key.length > best.length)) best = key;
  return best;
}

/** A small HTTP server for /healthz, the webhooks, and links to files and the status page. */
export async function startHttpServer(port: number, routes: Record<string, Route>, log: Logger, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routeFor(routes, path);
    if (!route) return send(res, 404, { ok: false, error: 'not found' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        send(res, 413, { ok: false, error: 'too large' }, route.headers);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      Promise.resolve(route(req, Buffer.concat(chunks), res)).catch((err) => {
        // The route, not the path: a path under a prefix route carries a token (a file link).
        log.error({ err, route: routeKey(routes, path) }, 'http handler failed');
        if (!res.headersSent) send(res, 500, { ok: false }, route.headers);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
