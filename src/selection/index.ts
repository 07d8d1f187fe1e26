// What the email shows of each analysed article: one selection step between analysis and render.
export { capText } from './cap.js';
export { resolveDate } from './dates.js';
export { followUpClause } from './follow-ups.js';
export { leadInFor, looksLikeLabel, MIN_QUOTE_WORDS } from './quotes.js';
export { selectArticle } from './select.js';
export { type ShownAnalysis, shownAnalysis } from './shown-analysis.js';
export { cutDateline, presentSummary } from './summary.js';
export * from './types.js';
