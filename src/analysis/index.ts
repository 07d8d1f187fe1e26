import type { Article } from '../article/types.js';
import { type AttributionInput, candidatesForQuotes, decideSpeakers } from './attribution/attribute.js';
import type { RuleVerdict, SpeakerCandidate } from './attribution/candidates.js';
import { shippedModel } from './attribution/weights.js';
import { collectEntities } from './entities.js';
import { findFollowUps } from './follow-ups.js';
import { indexNames } from './names.js';
import { findQuotes } from './quotes.js';
import { splitParagraphs, splitSentences } from './sentences.js';
import { attributeQuotes } from './speakers.js';
import { computeStats } from './stats.js';
import { summarize } from './summary.js';
import type { Analysis, AnalyzeOptions, FollowUp, Quote } from './types.js';

export type { Analysis, AnalyzeOptions, FollowUp, FollowUpKind, Quote } from './types.js';

/** Analyses one article: pure, deterministic, no I/O. Linear in the length of the article. */
export function analyze(article: Article, options: AnalyzeOptions = {}): Analysis {
  const parsed = parseForAttribution(article);
  const { input, ruled } = parsed;
  let quotes = ruled;
  if (options.attribution !== 'rules') {
    const model = options.attributionModel ?? shippedModel();
    quotes = decideSpeakers(input, ruled, model, {
      threshold: options.speakerThreshold ?? model.threshold,
      evidence: options.evidence === true,
    });
  }
  return {
    title: article.title,
    summary: summarize(
      article.title,
      input.sentences,
      input.quoteCandidates,
      options.summarySentences ?? 3,
      input.names,
    ),
    quotes,
    followUps: linkReadingPointers(
      findFollowUps(input.sentences, options.followUpKinds),
      article.links ?? [],
    ),
    entities: collectEntities(input.names, input.sentences),
    stats: computeStats(article.text),
  };
}

/**
 * The speaker candidates of every quote with their features, as the model sees them: what
 * `npm run train:attribution` learns from. Quotes are those `analyze` prints, in the same order.
 */
export function attributionCandidates(article: Article): {
  quotes: Quote[];
  candidates: SpeakerCandidate[][];
} {
  const { input, ruled } = parseForAttribution(article);
  return { quotes: ruled, candidates: candidatesForQuotes(input) };
}

/** Sentences, names, quotes and the rule layer's attribution of each quote. */
function parseForAttribution(article: Article): { input: AttributionInput; ruled: Quote[] } {
  const { text, title } = article;
  const paragraphs = splitParagraphs(text, title);
  const sentences = splitSentences(text, paragraphs);
  const names = indexNames(text, paragraphs, sentences);
  const quoteCandidates = findQuotes(text, paragraphs, sentences);
  const verdicts: RuleVerdict[] = [];
  const ruled = attributeQuotes(text, quoteCandidates, names, sentences, verdicts);
  return { input: { text, quoteCandidates, names, sentences, verdicts }, ruled };
}

/** A reading pointer whose words are a link in the source (Markdown, HTML) gets the link's address. */
function linkReadingPointers(items: FollowUp[], links: Article['links']): FollowUp[] {
  if (links.length === 0) return items;
  for (const item of items) {
    if (item.kind !== 'reading' || item.url) continue;
    const wanted = item.target?.trim().toLowerCase();
    const link =
      (wanted && links.find((l) => l.text.trim().toLowerCase() === wanted)) ||
      links.find((l) => l.text.trim() && item.sentence.includes(l.text.trim()));
    if (link) item.url = link.href;
  }
  return items;
}
