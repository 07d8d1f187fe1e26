// STUB: owned by the analyzer work; the signature is the contract other modules rely on.
import type { Article } from '../article/types.js';
import type { Analysis, AnalyzeOptions } from './types.js';

export type { Analysis, AnalyzeOptions, FollowUp, FollowUpKind, Quote } from './types.js';

/** Analyses one article: pure, deterministic, no I/O. */
export function analyze(_article: Article, _options: AnalyzeOptions = {}): Analysis {
  throw new Error('not implemented');
}
