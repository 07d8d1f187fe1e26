import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running aws-ses-v2-local: `endpoint` for the SES client, `inboxUrl` for a person. */
export interface LocalSes {
  endpoint: string;
  inboxUrl: string;
  /** Empties the emulator's in-memory store (it keeps every message otherwise). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local in this process on 127.0.0.1 (port 0 picks a free one). The emulator keeps
 * its messages in one module-wide store, so two instances in one process share their inbox.
 */
export async function startLocalSes(options: { port?: number } = {}): Promise<LocalSes> {
  const module = (await import('aws-ses-v2-local')) as unknown as {
    default: ((config: { host: string; port: number }) => Promise<Server>) & {
      default?: (config: { host: string; port: number }) => Promise<Server>;
    };
  };
  const start = module.default.default ?? module.default;
  const server = await start({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    async clear() {
      const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`local SES: clear-store answered ${response.status}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** One message as the emulator's `GET /store` lists it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Reads the emulator's store (what it has accepted so far). */
export async function readLocalSesStore(endpoint: string): Promise<StoredEmail[]> {
  const response = await fetch(`${endpoint.replace(/\/$/, '')}/store`);
  if (!response.ok) throw new Error(`local SES: /store answered ${response.status}`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}
