import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Mailer } from '../../delivery/ports.js';
import { loggableError, page, somethingWentWrong } from '../../subscription/pages.js';
import { MemorySignupLimits, type SignupLimits, type SubscriptionStore } from '../../subscription/ports.js';
import { MAX_BODY_BYTES } from '../../subscription/signup-input.js';
import { handleSubscribeRequest, type SubscribeSettings } from '../../subscription/subscribe-request.js';

/** The path the local subscribe page and its confirmation links use. */
export const SUBSCRIBE_PATH = '/subscribe';

export interface LocalSubscribeServer {
  /** The subscribe page, e.g. http://127.0.0.1:4123/subscribe */
  url: string;
  close(): Promise<void>;
}

/** Reads at most `limit` bytes of a body; undefined when it is larger (the rest is not read). */
async function readCapped(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves the subscribe endpoint on 127.0.0.1 with the same handler code as the Lambda, over a local
 * store (the CLI's JSON list) and mailer (the embedded SES), so the whole flow can be tried offline.
 */
export async function startSubscribeServer(options: {
  subscribers: SubscriptionStore;
  mailer: Mailer;
  hmacKey: string;
  settings: SubscribeSettings;
  limits?: SignupLimits;
  port?: number;
}): Promise<LocalSubscribeServer> {
  const limits = options.limits ?? new MemorySignupLimits();
  let base = '';
  const server: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', base);
      if (url.pathname !== SUBSCRIBE_PATH && url.pathname !== '/') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await readCapped(request, MAX_BODY_BYTES);
      const answer =
        body === undefined
          ? page(413, 'Request too large', '<p>Nothing was changed.</p>')
          : await handleSubscribeRequest(
              {
                method: request.method ?? 'GET',
                token: url.searchParams.get('token') ?? undefined,
                body,
                contentType: request.headers['content-type'],
                accept: request.headers.accept,
                sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
                endpointUrl: `${base}${SUBSCRIBE_PATH}`,
                selfUrl: `${SUBSCRIBE_PATH}${url.search}`,
              },
              {
                subscribers: options.subscribers,
                limits,
                mailer: options.mailer,
                hmacKey: async () => options.hmacKey,
                log: (event, fields, level) => {
                  if (level === 'error') console.error(`subscribe page: ${event} ${JSON.stringify(fields)}`);
                },
              },
              options.settings,
            );
      response.writeHead(answer.statusCode, answer.headers).end(answer.body);
    } catch (error) {
      console.error(`subscribe page failed: ${JSON.stringify(loggableError(error))}`);
      const answer = somethingWentWrong();
      response.writeHead(answer.statusCode, answer.headers).end(answer.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}${SUBSCRIBE_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
