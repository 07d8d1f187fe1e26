import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Subscriber, SubscriberStatus, SubscriberStore } from '../../delivery/ports.js';
import { assertHeaderSafe, normalizeAddress } from '../../email/mime.js';
import { InputError } from '../../errors.js';
import { meets, type SubscriptionStore, type WriteCondition } from '../../subscription/ports.js';
import { withFileLockSync } from './file-lock.js';

/** Where the CLI keeps its subscriber list, relative to the working directory. */
export const DEFAULT_SUBSCRIBERS_FILE = '.digest/subscribers.json';

const STATUSES: SubscriberStatus[] = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'];

/** Later is more restrictive: twins keep the status that mails the reader least. */
const RESTRICTIVENESS: SubscriberStatus[] = ['active', 'pending', 'unsubscribed', 'bounced', 'complained'];

/** Entries of one file whose addresses differ only in case: one reader, kept once. */
export interface SubscriberTwins {
  /** The addresses as the file spells them, in file order. */
  emails: string[];
  /** 1-based positions in the file's list. */
  positions: number[];
  /** The status kept: the most restrictive of theirs. */
  status: SubscriberStatus;
}

/**
 * Merges entries whose addresses are one identity (case-insensitive) into the first of them, with the
 * most restrictive status, so an unsubscribed `carol@` is never mailed as an active `Carol@`.
 */
export function mergeTwins(list: Subscriber[]): { merged: Subscriber[]; twins: SubscriberTwins[] } {
  const byKey = new Map<string, { kept: Subscriber; twins: SubscriberTwins }>();
  const merged: Subscriber[] = [];
  list.forEach((subscriber, index) => {
    const key = subscriber.email.toLowerCase();
    const seen = byKey.get(key);
    if (!seen) {
      const kept = { ...subscriber };
      byKey.set(key, {
        kept,
        twins: { emails: [subscriber.email], positions: [index + 1], status: kept.status },
      });
      merged.push(kept);
      return;
    }
    seen.twins.emails.push(subscriber.email);
    seen.twins.positions.push(index + 1);
    if (RESTRICTIVENESS.indexOf(subscriber.status) > RESTRICTIVENESS.indexOf(seen.kept.status))
      seen.kept.status = subscriber.status;
    if (!seen.kept.name && subscriber.name) seen.kept.name = subscriber.name;
    seen.twins.status = seen.kept.status;
  });
  const twins = [...byKey.values()].map((v) => v.twins).filter((t) => t.positions.length > 1);
  return { merged, twins };
}

/** One line per group of twins, naming the file, the positions and the status kept. */
export function describeTwins(path: string, twins: SubscriberTwins[]): string[] {
  return twins.map(
    (t) =>
      `${path}: subscribers ${t.positions.join(', ')} (${t.emails.join(', ')}) are one address; kept once as ${t.status}`,
  );
}

/** Checks one subscriber record from a file or a caller; returns it with a normalised address. */
export function validSubscriber(value: unknown, where: string): Subscriber {
  if (!value || typeof value !== 'object') throw new InputError(`${where}: a subscriber must be an object`);
  const record = value as Record<string, unknown>;
  if (typeof record['email'] !== 'string') throw new InputError(`${where}: "email" must be a string`);
  const status = record['status'] ?? 'active';
  if (!STATUSES.includes(status as SubscriberStatus)) {
    throw new InputError(
      `${where}: status must be one of ${STATUSES.join(', ')}, not ${JSON.stringify(status)}`,
    );
  }
  const name = record['name'];
  if (name !== undefined && typeof name !== 'string')
    throw new InputError(`${where}: "name" must be a string`);
  try {
    if (name !== undefined) assertHeaderSafe('name', name);
    const subscriber: Subscriber = {
      email: normalizeAddress(record['email'], 'email'),
      status: status as SubscriberStatus,
    };
    if (name) subscriber.name = name.trim();
    for (const field of ['subscribedAt', 'updatedAt', 'confirmNonce'] as const) {
      if (typeof record[field] === 'string') subscriber[field] = record[field] as string;
    }
    if (typeof record['expiresAt'] === 'number') subscriber.expiresAt = record['expiresAt'];
    const consent = record['consent'] as Record<string, unknown> | undefined;
    if (consent && typeof consent.signedUpAt === 'string' && typeof consent.source === 'string') {
      subscriber.consent = { signedUpAt: consent.signedUpAt, source: consent.source };
      if (typeof consent.confirmedAt === 'string') subscriber.consent.confirmedAt = consent.confirmedAt;
    }
    return subscriber;
  } catch (error) {
    throw new InputError(`${where}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The SubscriberStore as one local JSON file (an array of subscribers). Every change rewrites the file
 * atomically (temporary file, then rename) under a lock file, so concurrent CLI calls do not lose updates.
 */
export class JsonSubscriberStore implements SubscriberStore, SubscriptionStore {
  constructor(readonly path: string) {}

  private read(): Subscriber[] {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      const why =
        code === 'EISDIR'
          ? 'is a directory'
          : code === 'ENOTDIR'
            ? 'a part of the path is a file, not a folder'
            : code === 'EACCES' || code === 'EPERM'
              ? 'permission denied'
              : (error as Error).message;
      throw new InputError(`${this.path}: cannot read the subscriber list: ${why}`, { cause: error });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`${this.path}: not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { subscribers?: unknown })?.subscribers;
    if (!Array.isArray(list)) throw new InputError(`${this.path}: expected an array of subscribers`);
    const valid = list.map((item, index) => validSubscriber(item, `${this.path}: subscriber ${index + 1}`));
    const { merged, twins } = mergeTwins(valid);
    this.lastTwins = twins;
    return merged;
  }

  private lastTwins: SubscriberTwins[] = [];

  /** Addresses the file holds more than once (in any case); every read merges them, every write drops them. */
  async twins(): Promise<SubscriberTwins[]> {
    this.read();
    return this.lastTwins;
  }

  private update<T>(fn: (list: Subscriber[]) => T): T {
    mkdirSync(dirname(this.path), { recursive: true });
    return withFileLockSync(`${this.path}.lock`, () => {
      const list = this.read();
      const result = fn(list);
      const tmp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`);
      renameSync(tmp, this.path);
      return result;
    });
  }

  async *list(): AsyncIterable<Subscriber> {
    yield* this.read();
  }

  async get(email: string): Promise<Subscriber | undefined> {
    const key = email.trim().toLowerCase();
    return this.read().find((s) => s.email.toLowerCase() === key);
  }

  /** Adds or replaces (same address, case-insensitive) a subscriber. */
  async put(subscriber: Subscriber): Promise<void> {
    const valid = validSubscriber(subscriber, 'subscriber');
    this.update((list) => {
      const index = list.findIndex((s) => s.email.toLowerCase() === valid.email.toLowerCase());
      if (index >= 0) list[index] = valid;
      else list.push(valid);
    });
  }

  /** Replaces the record (or adds it) when the stored one meets `when`, under the file lock. */
  async putIf(next: Subscriber, when: WriteCondition): Promise<boolean> {
    const valid = validSubscriber(next, 'subscriber');
    return this.update((list) => {
      const index = list.findIndex((s) => s.email.toLowerCase() === valid.email.toLowerCase());
      if (!meets(index >= 0 ? list[index] : undefined, when)) return false;
      if (index >= 0) list[index] = valid;
      else list.push(valid);
      return true;
    });
  }

  /** Adds many at once in one write; returns how many were new (existing addresses are left alone). */
  async putMany(subscribers: Subscriber[]): Promise<number> {
    return this.update((list) => {
      const known = new Set(list.map((s) => s.email.toLowerCase()));
      let added = 0;
      for (const subscriber of subscribers) {
        if (known.has(subscriber.email.toLowerCase())) continue;
        known.add(subscriber.email.toLowerCase());
        list.push(subscriber);
        added++;
      }
      return added;
    });
  }

  async setStatus(email: string, status: SubscriberStatus): Promise<void> {
    const key = email.trim().toLowerCase();
    this.update((list) => {
      const subscriber = list.find((s) => s.email.toLowerCase() === key);
      if (!subscriber) throw new InputError(`${email} is not on the list ${this.path}`);
      subscriber.status = status;
      subscriber.updatedAt = new Date().toISOString();
      if (status !== 'pending') delete subscriber.expiresAt;
    });
  }

  async remove(email: string): Promise<boolean> {
    const key = email.trim().toLowerCase();
    return this.update((list) => {
      const index = list.findIndex((s) => s.email.toLowerCase() === key);
      if (index < 0) return false;
      list.splice(index, 1);
      return true;
    });
  }
}
