import { createHash } from 'node:crypto';
import type { SlotMarkers } from './view-model.js';

/** The per-recipient slots, in the order their markers are searched. */
export const SLOT_NAMES = ['unsubscribeUrl', 'viewInBrowserUrl', 'name'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/**
 * A slot key derived from everything that goes into the email. Article text cannot contain a marker
 * built from it: it would have to contain the hash of itself.
 */
export function slotKeyFor(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 20);
}

/** The markers written into the rendered output for `personalize` to replace. */
export function slotMarkers(key: string): SlotMarkers {
  return {
    unsubscribeUrl: `digest-slot-${key}-unsubscribeUrl`,
    viewInBrowserUrl: `digest-slot-${key}-viewInBrowserUrl`,
    name: `digest-slot-${key}-name`,
  };
}

/** A document cut at its slot markers: `parts[i]`, then slot `slots[i]`, ..., then the last part. */
export interface SlottedDocument {
  parts: string[];
  slots: SlotName[];
}

/** Cuts `doc` at every marker of `key` (one pass; done once per rendered digest, not per recipient). */
export function splitAtSlots(doc: string, key: string): SlottedDocument {
  const parts: string[] = [];
  const slots: SlotName[] = [];
  const marker = new RegExp(`digest-slot-${key}-(unsubscribeUrl|viewInBrowserUrl|name)`, 'g');
  let last = 0;
  for (const match of doc.matchAll(marker)) {
    parts.push(doc.slice(last, match.index));
    slots.push(match[1] as SlotName);
    last = match.index + match[0].length;
  }
  parts.push(doc.slice(last));
  return { parts, slots };
}

/** Joins a slotted document with the recipient's values. */
export function fillSlots(doc: SlottedDocument, values: Record<SlotName, string>): string {
  let out = doc.parts[0]!;
  for (let i = 0; i < doc.slots.length; i++) out += values[doc.slots[i]!] + doc.parts[i + 1]!;
  return out;
}
