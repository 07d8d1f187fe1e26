import type { Mailer } from '../delivery/ports.js';
import { buildNoticeMime, type Notice, noticeTheme, renderNotice } from '../email/notice.js';
import { createConfirmToken, createUnsubscribeToken } from '../email/signed-tokens.js';

/** Who sends notices and for which list. */
export interface NoticeSettings {
  listId: string;
  publication: { name: string; postalAddress: string };
  sender: { fromAddress: string; fromName: string; replyTo?: string };
  /** The one-click unsubscribe endpoint (the welcome mail links it). */
  unsubscribeUrl: string;
  /** When editions go out, in words ("every Monday at 08:00 (Europe/Berlin time)"). */
  nextEdition: string;
  /** The latest edition's web page, once an archive exists. */
  latestEditionUrl?: string;
}

const withToken = (base: string, token: string): string =>
  `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;

/** Sends the confirmation email with a signed, expiring confirm link to `endpointUrl`. */
export async function sendConfirmation(
  deps: { mailer: Mailer; hmacKey: string | Uint8Array },
  settings: NoticeSettings,
  to: { email: string; name?: string; nonce: string; expiresAt: number },
  endpointUrl: string,
): Promise<string> {
  const token = createConfirmToken(deps.hmacKey, {
    email: to.email,
    listId: settings.listId,
    expiresAt: to.expiresAt,
    nonce: to.nonce,
  });
  const hours = Math.max(1, Math.round((to.expiresAt * 1000 - Date.now()) / 3_600_000));
  const notice: Notice = {
    to: { email: to.email, ...(to.name ? { name: to.name } : {}) },
    subject: `Confirm your subscription to ${settings.publication.name}`,
    heading: 'Please confirm your subscription',
    paragraphs: [
      `Someone, hopefully you, asked to receive ${settings.publication.name} at ${to.email}.`,
      'Press the button to confirm. Until you do, we send you nothing else.',
    ],
    action: {
      label: 'Confirm my subscription',
      url: withToken(endpointUrl, token),
      note: 'Or open this link:',
    },
    afterParagraphs: [
      `The link works for about ${hours} hours. If you did not ask for this, ignore this email: you will not be subscribed.`,
    ],
    footerNote: `You received this because this address was entered in the signup form of ${settings.publication.name}.`,
  };
  return send(deps.mailer, notice, settings);
}

/** Sends the welcome email: when the next edition goes out (or the latest one), and how to leave. */
export async function sendWelcome(
  deps: { mailer: Mailer; hmacKey: string | Uint8Array },
  settings: NoticeSettings,
  to: { email: string; name?: string },
): Promise<string> {
  const unsubscribeUrl = withToken(
    settings.unsubscribeUrl,
    createUnsubscribeToken(deps.hmacKey, { email: to.email, listId: settings.listId }),
  );
  const notice: Notice = {
    to: { email: to.email, ...(to.name ? { name: to.name } : {}) },
    subject: `Welcome to ${settings.publication.name}`,
    heading: `Welcome${to.name ? `, ${to.name}` : ''}: you are subscribed`,
    paragraphs: [
      `${settings.publication.name} goes out ${settings.nextEdition}; your first edition is the next one.`,
    ],
    ...(settings.latestEditionUrl
      ? { action: { label: 'Read the latest edition', url: settings.latestEditionUrl, note: 'Or open:' } }
      : {}),
    afterParagraphs: ['Every email has an unsubscribe link at the bottom; one click is enough.'],
    footerNote: `You received this because you confirmed your subscription to ${settings.publication.name}.`,
    unsubscribeUrl,
  };
  return send(deps.mailer, notice, settings);
}

async function send(mailer: Mailer, notice: Notice, settings: NoticeSettings): Promise<string> {
  const rendered = renderNotice(notice, noticeTheme(settings.publication));
  const raw = await buildNoticeMime(notice, rendered, settings.sender);
  const { messageId } = await mailer.sendRaw({
    raw,
    from: settings.sender.fromAddress,
    to: notice.to.email,
    tags: { kind: notice.unsubscribeUrl ? 'welcome' : 'confirm' },
  });
  return messageId;
}
