import type { Subscriber, SubscriberStatus } from '../delivery/ports.js';

/** The precondition of a conditional write: the record is absent, or in one of these statuses, and its nonce. */
export interface WriteCondition {
  absent?: boolean;
  status?: SubscriberStatus[];
  /** The stored `confirmNonce` must equal this. */
  nonce?: string;
}

/** What signup and confirmation need from the subscriber list: reads and conditional whole-record writes. */
export interface SubscriptionStore {
  get(email: string): Promise<Subscriber | undefined>;
  /** Writes `next` as the whole record when the stored one meets `when`; false (nothing written) otherwise. */
  putIf(next: Subscriber, when: WriteCondition): Promise<boolean>;
}

/** Counters that bound how much mail a signup endpoint can be made to send. */
export interface SignupLimits {
  /** Takes one signup from the source's budget for the current window; false when it is used up. */
  takeSource(source: string, nowSeconds: number): Promise<boolean>;
  /** Takes the address's confirmation slot; false when a confirmation went to it within the cooldown. */
  takeAddress(email: string, nowSeconds: number): Promise<boolean>;
  /**
   * Gives back what `takeSource` and `takeAddress` took at `nowSeconds`, when our side could not send the
   * confirmation: a reader who retries is not refused for our failure. An address slot taken again since
   * (a later signup) is left alone.
   */
  giveBack(source: string, email: string, nowSeconds: number): Promise<void>;
}

/** The limits chosen (README: "Abuse limits"); adapters take them as constructor options. */
export const SIGNUP_LIMITS = {
  /** At most one confirmation email per address per this many seconds. */
  addressCooldownSeconds: 600,
  /** Signups one source IP may make per window. */
  perSource: 20,
  sourceWindowSeconds: 3600,
} as const;

/** True when `record` meets `when` (the in-memory and JSON stores use this; DynamoDB evaluates it). */
export function meets(record: Subscriber | undefined, when: WriteCondition): boolean {
  const statusOk = record ? (when.status ?? []).includes(record.status) : when.absent === true;
  if (!statusOk) return false;
  return when.nonce === undefined || record?.confirmNonce === when.nonce;
}

/** SignupLimits in memory: for the local subscribe page and unit tests (one process, no TTL table). */
export class MemorySignupLimits implements SignupLimits {
  private readonly addresses = new Map<string, number>();
  private readonly sources = new Map<string, { window: number; count: number }>();
  constructor(
    private readonly limits: {
      addressCooldownSeconds: number;
      perSource: number;
      sourceWindowSeconds: number;
    } = SIGNUP_LIMITS,
  ) {}

  async takeSource(source: string, nowSeconds: number): Promise<boolean> {
    const window = Math.floor(nowSeconds / this.limits.sourceWindowSeconds);
    const seen = this.sources.get(source);
    if (!seen || seen.window !== window) {
      this.sources.set(source, { window, count: 1 });
      return true;
    }
    if (seen.count >= this.limits.perSource) return false;
    seen.count++;
    return true;
  }

  async takeAddress(email: string, nowSeconds: number): Promise<boolean> {
    const until = this.addresses.get(email) ?? 0;
    if (until > nowSeconds) return false;
    this.addresses.set(email, nowSeconds + this.limits.addressCooldownSeconds);
    return true;
  }

  async giveBack(source: string, email: string, nowSeconds: number): Promise<void> {
    if (this.addresses.get(email) === nowSeconds + this.limits.addressCooldownSeconds)
      this.addresses.delete(email);
    const seen = this.sources.get(source);
    if (seen?.window === Math.floor(nowSeconds / this.limits.sourceWindowSeconds) && seen.count > 0)
      seen.count--;
  }
}
