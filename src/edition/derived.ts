import { type EditionDocument, editedByHand } from './document.js';
import { templateHeadlines } from './render.js';

/**
 * Brings the fields derived from the stories up to date: the lead is the first story, and a subject or
 * preheader the editor has not set follows the templates (reordering changes the subject's first title).
 */
export function refreshDerived(doc: EditionDocument): EditionDocument {
  const next = { ...doc, lead: doc.stories[0]?.article.id ?? '' };
  if (next.stories.length === 0) return next;
  const headlines = templateHeadlines(next);
  if (!editedByHand(next, '/subject')) next.subject = headlines.subject;
  if (!editedByHand(next, '/preheader')) next.preheader = headlines.preheader;
  return next;
}
