import MailComposer from 'nodemailer/lib/mail-composer';
import { MessageError } from '../errors.js';
import { builtNoticeTemplates, builtTheme } from './built-templates.js';
import { assertHeaderSafe, normalizeAddress } from './mime-address.js';
import type { NoticeTemplates } from './templates-runtime.js';
import { resolveTheme, type Theme } from './theme.js';

/** A one-off email to one reader (signup confirmation, welcome), in the digest's layout and theme. */
export interface Notice {
  to: { email: string; name?: string };
  subject: string;
  heading: string;
  paragraphs: string[];
  /** The one button, with the link spelled out under it for clients that hide buttons. */
  action?: { label: string; url: string; note: string };
  afterParagraphs?: string[];
  footerNote: string;
  /** Only for readers on the list (the welcome): a confirmation goes to someone not yet subscribed. */
  unsubscribeUrl?: string;
}

export interface RenderedNotice {
  subject: string;
  html: string;
  text: string;
}

function httpUrl(field: string, value: string): string {
  assertHeaderSafe(field, value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MessageError(`${field} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new MessageError(`${field} must be http(s)`);
  return url.href;
}

/** The theme a notice is rendered with: the project's, with the deployment's name and postal address. */
export function noticeTheme(publication?: { name: string; postalAddress: string }): Theme {
  const base = builtTheme();
  return publication
    ? resolveTheme({ publicationName: publication.name, postalAddress: publication.postalAddress }, base)
    : base;
}

/**
 * Renders a notice with the build-time templates (no MJML at run time). Links are plain: no tracking
 * pixel, no redirect, no per-open identifiers.
 */
export function renderNotice(
  notice: Notice,
  theme: Theme = builtTheme(),
  templates: NoticeTemplates = builtNoticeTemplates(),
): RenderedNotice {
  const view = {
    lang: theme.lang,
    subject: notice.subject,
    publicationName: theme.publicationName,
    postalAddress: theme.postalAddress,
    heading: notice.heading,
    paragraphs: notice.paragraphs,
    afterParagraphs: notice.afterParagraphs ?? [],
    url: notice.action ? httpUrl('action URL', notice.action.url) : null,
    buttonLabel: notice.action?.label ?? '',
    urlNote: notice.action?.note ?? '',
    footerNote: notice.footerNote,
    theme,
    slots: {
      unsubscribeUrl: notice.unsubscribeUrl ? httpUrl('unsubscribe URL', notice.unsubscribeUrl) : null,
    },
  };
  return { subject: notice.subject, html: templates.html(view), text: templates.text(view) };
}

/** Builds the raw message of a notice: multipart/alternative, List-Unsubscribe only when it has a link. */
export async function buildNoticeMime(
  notice: Notice,
  rendered: RenderedNotice,
  sender: { fromAddress: string; fromName: string; replyTo?: string },
  options: { date?: Date } = {},
): Promise<Buffer> {
  assertHeaderSafe('subject', rendered.subject);
  assertHeaderSafe('sender display name', sender.fromName);
  if (notice.to.name !== undefined) assertHeaderSafe('recipient name', notice.to.name);
  const to = normalizeAddress(notice.to.email, 'recipient address');
  const from = normalizeAddress(sender.fromAddress, 'sender address');
  const headers: Record<string, { prepared: true; value: string }> = {};
  if (notice.unsubscribeUrl) {
    const href = httpUrl('unsubscribe URL', notice.unsubscribeUrl);
    if (/[\s<>,"]/.test(href)) throw new MessageError('unsubscribe URL is not usable in a header');
    headers['List-Unsubscribe'] = { prepared: true, value: `<${href}>` };
    headers['List-Unsubscribe-Post'] = { prepared: true, value: 'List-Unsubscribe=One-Click' };
  }
  const composer = new MailComposer({
    from: { name: sender.fromName, address: from },
    to: notice.to.name ? { name: notice.to.name, address: to } : to,
    ...(sender.replyTo ? { replyTo: normalizeAddress(sender.replyTo, 'reply-to address') } : {}),
    subject: rendered.subject,
    date: options.date ?? new Date(),
    text: {
      content: rendered.text,
      contentType: 'text/plain; charset=utf-8',
      contentTransferEncoding: 'base64',
    },
    html: {
      content: rendered.html,
      contentType: 'text/html; charset=utf-8',
      contentTransferEncoding: 'base64',
    },
    textEncoding: 'B',
    disableFileAccess: true,
    disableUrlAccess: true,
    headers,
  });
  const node = composer.compile();
  node.keepBcc = false;
  return node.build();
}
