import type { Server } from 'node:http';

/** The only interface the preview binds to: it serves unpublished mail and must not be reachable from the LAN. */
export const PREVIEW_HOST = '127.0.0.1';

function listenOnce(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, PREVIEW_HOST);
  });
}

/**
 * Listens on 127.0.0.1 at `port`, or the next free port when it is taken (up to `attempts` ports).
 * Port 0 lets the OS choose. Resolves with the port actually bound.
 */
export async function listenOnFreePort(server: Server, port: number, attempts = 20): Promise<number> {
  if (port === 0) return listenOnce(server, 0);
  let lastError: unknown;
  for (let candidate = port; candidate < port + attempts && candidate <= 65535; candidate++) {
    try {
      return await listenOnce(server, candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      lastError = error;
    }
  }
  throw lastError ?? new Error(`no free port from ${port}`);
}
