/**
 * The project's error hierarchy. `expose` says whether the message may be shown to a caller
 * (a CLI user, an HTTP client) as it is; `exitCode` is what the CLI exits with.
 */
export class DigestError extends Error {
  readonly expose: boolean;
  readonly exitCode: number;
  constructor(message: string, options: { cause?: unknown; expose?: boolean; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DigestError';
    this.expose = options.expose ?? true;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad input or usage: the CLI exits 2 with this message. */
export class InputError extends DigestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, expose: true, exitCode: 2 });
    this.name = 'InputError';
  }
}

/** Configuration that cannot work (theme, CDK context, environment). */
export class ConfigError extends DigestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, expose: true, exitCode: 2 });
    this.name = 'ConfigError';
  }
}

/** A rendered email that must not be sent (too large, invalid template output). */
export class RenderError extends DigestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, expose: true, exitCode: 1 });
    this.name = 'RenderError';
  }
}

/** A message or header that would be unsafe to send (CR/LF injection, invalid address). */
export class MessageError extends DigestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, expose: true, exitCode: 2 });
    this.name = 'MessageError';
  }
}

/** A fetch refused by the safety rules or failed (feeds and article URLs). */
export class FetchError extends DigestError {
  constructor(message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, { ...options, expose: true, exitCode: options.exitCode ?? 2 });
    this.name = 'FetchError';
  }
}
