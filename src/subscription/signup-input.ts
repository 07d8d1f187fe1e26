import { normalizeAddress } from '../email/mime-address.js';

/** The honeypot field: hidden from people, filled in by form-filling bots. */
export const HONEYPOT_FIELD = 'website';
/** Largest request body the endpoint reads (a signup is well under 1 KB). */
export const MAX_BODY_BYTES = 4096;
const MAX_NAME = 80;

/** A signup as submitted, checked. */
export interface SignupInput {
  /** The address, lower-cased as a whole: one reader whatever the spelling. */
  email: string;
  name?: string;
  /** Which form it came from (a short slug), for the consent record. */
  form: string;
  honeypotFilled: boolean;
}

/** Why a signup body was refused, in words a reader can act on. */
export class SignupInputError extends Error {
  constructor(
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'SignupInputError';
  }
}

/** Reads the fields of a form-encoded or JSON body; anything else is refused (415). */
function fields(body: string, contentType: string): Record<string, unknown> {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new SignupInputError('The request body is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new SignupInputError('Expected a JSON object such as {"email": "you@example.com"}.');
    return parsed as Record<string, unknown>;
  }
  throw new SignupInputError('Send the form (application/x-www-form-urlencoded) or JSON.', 415);
}

/** Parses and checks a signup body: a valid address, a plain name, a form slug; the honeypot noted. */
export function parseSignup(body: string, contentType = ''): SignupInput {
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES)
    throw new SignupInputError('The request is too large.', 413);
  const f = fields(body, contentType);
  const honeypot = f[HONEYPOT_FIELD];
  const honeypotFilled =
    typeof honeypot === 'string' ? honeypot.trim() !== '' : honeypot !== undefined && honeypot !== null;
  if (typeof f.email !== 'string' || f.email.trim() === '')
    throw new SignupInputError('Please give an email address.');
  let email: string;
  try {
    email = normalizeAddress(f.email, 'email').toLowerCase();
  } catch {
    throw new SignupInputError('That does not look like an email address (expected name@example.com).');
  }
  const input: SignupInput = { email, form: 'subscribe-form', honeypotFilled };
  if (f.name !== undefined && f.name !== null && f.name !== '') {
    if (typeof f.name !== 'string') throw new SignupInputError('The name must be text.');
    const name = f.name.trim().replace(/\s+/g, ' ');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u001f\u007f-\u009f]/.test(f.name))
      throw new SignupInputError('The name may not contain line breaks or control characters.');
    if (/[<>]/.test(name)) throw new SignupInputError('The name may not contain < or >.');
    if (name.length > MAX_NAME) throw new SignupInputError(`The name may be at most ${MAX_NAME} characters.`);
    if (name !== '') input.name = name;
  }
  if (typeof f.form === 'string' && f.form !== '') {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(f.form))
      throw new SignupInputError('The form field must be a short slug (a-z, 0-9, -).');
    input.form = f.form;
  }
  return input;
}
