import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local server of the io workload: answers every GET with a small body after `delayMs`, the
 * way a real service keeps its clients waiting. Listens on a free port of 127.0.0.1.
 */
export async function startHttpServer(delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const body = Buffer.from('coro-compare\n');
  const server: Server = createServer((_request, response) => {
    setTimeout(() => response.end(body), delayMs);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
