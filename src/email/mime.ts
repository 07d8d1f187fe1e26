import MailComposer from 'nodemailer/lib/mail-composer';
import { MessageError } from '../errors.js';
import { addressHash } from './address-hash.js';
import { assertHeaderSafe, normalizeAddress } from './mime-address.js';
import type { PersonalizedMessage } from './types.js';

export { assertHeaderSafe, isValidAddress, normalizeAddress } from './mime-address.js';

export interface SenderIdentity {
  fromAddress: string;
  fromName: string;
  replyTo?: string;
  /** List-Id value, e.g. "Weekly Digest <digest.example.com>" or just "digest.example.com". */
  listId: string;
}

export interface BuildMimeOptions {
  date?: Date;
  /** Domain of the Message-ID; defaults to the sender's domain. */
  messageIdDomain?: string;
  /** Overrides the deterministic Message-ID (digest id + recipient hash). */
  messageId?: string;
}

/** Validates and formats the List-Id header value: `Name <list.domain>` or `<list.domain>`. */
function formatListId(listId: string): string {
  assertHeaderSafe('List-Id', listId);
  const match = /^(.*?)\s*<([^<>]+)>\s*$/.exec(listId.trim());
  const id = (match?.[2] ?? listId).trim();
  const label = match?.[1]?.trim() ?? '';
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(id) || !id.includes('.')) {
    throw new MessageError(`List-Id "${listId}" needs a dot-atom id such as digest.example.com`);
  }
  if (/[^\x20-\x7e]/.test(label)) throw new MessageError(`List-Id label "${label}" must be ASCII`);
  return label ? `${JSON.stringify(label)} <${id}>` : `<${id}>`;
}

function checkUrl(field: string, value: string, protocols: string[]): string {
  assertHeaderSafe(field, value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MessageError(`${field} is not a valid URL: "${value}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new MessageError(`${field} must use ${protocols.join(' or ')}: "${value}"`);
  }
  // The URL goes inside <...> in a header: no spaces, angle brackets or commas that would split it.
  const href = url.href;
  if (/[\s<>,"]/.test(href))
    throw new MessageError(`${field} contains characters not allowed in a header URL`);
  return href;
}

/** The List-Unsubscribe value: the HTTPS one-click URL first, then the mailto fallback (RFC 2369/8058). */
function listUnsubscribe(message: PersonalizedMessage): string {
  const parts = [`<${checkUrl('unsubscribe URL', message.unsubscribeUrl, ['https:', 'http:'])}>`];
  if (message.unsubscribeMailto) {
    const mailto = message.unsubscribeMailto.startsWith('mailto:')
      ? message.unsubscribeMailto
      : `mailto:${message.unsubscribeMailto}`;
    parts.push(`<${checkUrl('unsubscribe mailto', mailto, ['mailto:'])}>`);
  }
  return parts.join(', ');
}

/** Deterministic per (digest, recipient), so a deliberate resend threads with (or dedupes against) the first. */
function defaultMessageId(message: PersonalizedMessage, domain: string): string {
  const digest = message.digestId.replace(/[^A-Za-z0-9._-]/g, '') || 'digest';
  return `<${digest}.${addressHash(message.to.email)}@${domain}>`;
}

/**
 * Builds the raw RFC 5322 message: multipart/alternative (text, then HTML) — inside multipart/mixed with
 * an events.ics attachment when the edition has dated events — UTF-8, From with display
 * name, To, Subject, Date, Message-ID, List-Id, List-Unsubscribe and List-Unsubscribe-Post (one-click).
 * Throws MessageError on CR/LF/NUL in any header value or on an address SES cannot take.
 */
export async function buildMime(
  message: PersonalizedMessage,
  sender: SenderIdentity,
  options: BuildMimeOptions = {},
): Promise<Buffer> {
  assertHeaderSafe('subject', message.subject);
  assertHeaderSafe('sender display name', sender.fromName);
  if (message.to.name !== undefined) assertHeaderSafe(`display name of ${message.to.email}`, message.to.name);
  if (message.subject.trim().length === 0) throw new MessageError('subject is empty');
  const from = normalizeAddress(sender.fromAddress, 'sender address');
  const to = normalizeAddress(message.to.email, 'recipient address');
  const replyTo = sender.replyTo ? normalizeAddress(sender.replyTo, 'reply-to address') : undefined;
  const domain = options.messageIdDomain ?? from.slice(from.lastIndexOf('@') + 1);
  const messageId = options.messageId ?? defaultMessageId(message, domain);
  assertHeaderSafe('Message-ID', messageId);

  const composer = new MailComposer({
    from: { name: sender.fromName, address: from },
    to: message.to.name ? { name: message.to.name, address: to } : to,
    replyTo,
    subject: message.subject,
    date: options.date ?? new Date(),
    messageId,
    // Base64 chosen up front: letting nodemailer pick scans the content first and costs a third more.
    text: {
      content: message.text,
      contentType: 'text/plain; charset=utf-8',
      contentTransferEncoding: 'base64',
    },
    html: {
      content: message.html,
      contentType: 'text/html; charset=utf-8',
      contentTransferEncoding: 'base64',
    },
    // Dated events: one UTF-8 calendar for the edition; the message becomes multipart/mixed around
    // the alternative part.
    ...(message.calendar
      ? {
          attachments: [
            {
              filename: 'events.ics',
              content: message.calendar,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              contentTransferEncoding: 'base64' as const,
            },
          ],
        }
      : {}),
    textEncoding: 'B',
    disableFileAccess: true,
    disableUrlAccess: true,
    headers: {
      'List-Id': { prepared: true, value: formatListId(sender.listId) },
      'List-Unsubscribe': { prepared: true, value: listUnsubscribe(message) },
      'List-Unsubscribe-Post': { prepared: true, value: 'List-Unsubscribe=One-Click' },
    },
  });
  const node = composer.compile();
  // nodemailer would otherwise add a Bcc header from the envelope; we never send one.
  node.keepBcc = false;
  try {
    return await node.build();
  } catch (error) {
    throw new MessageError(`cannot build the message for ${to}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
