import type { EditionDocument, EditionStatus } from '../edition/document.js';
import { assertTransition } from '../edition/edits.js';

/**
 * The document of an edition drafted and sent in one step (a send of named articles, `npm start`):
 * approved, sending and sent, each step recorded as an edit, as a document sent with `--edition` has.
 */
export function sentDocument(doc: EditionDocument, by = 'digest send', now = new Date()): EditionDocument {
  const steps: EditionStatus[] = ['approved', 'sending', 'sent'];
  let current = doc;
  for (const status of steps.slice(Math.max(0, steps.indexOf(doc.status) + 1))) {
    assertTransition(current.status, status);
    current = {
      ...current,
      status,
      edits: [
        ...current.edits,
        {
          at: now.toISOString(),
          by,
          via: 'cli',
          path: '/status',
          target: 'status',
          from: current.status,
          to: status,
        },
      ],
    };
  }
  return current;
}
