import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';

const article = (body: string) =>
  parseArticle(`Port authority raises harbour fees\n\n${body}`, { source: 'a.txt', format: 'text' });

describe('summary: no sentence that leans on one not shown (issue 10)', () => {
  it('does not pick "So, ..." or "The decision ..." without the sentence they depend on', () => {
    // Prepare: the dependent sentences carry the most headline words, so only the rule keeps them out.
    const text = article(
      [
        'The port authority on Tuesday approved a plan that changes how ships are charged in the harbour.',
        'Shipping companies had asked for lower charges during the winter months for several years.',
        'The decision raises harbour fees for large ships by 40 percent from March, the port authority said.',
        'So harbour fees for the largest ships will double by 2028 under the port authority plan.',
        'Fishing boats are exempt, and ferries pay the old rate until their contracts end in 2027.',
        'Local fishermen welcomed the exemption at a meeting in the harbour office on Wednesday evening.',
      ].join('\n\n'),
    );
    // Act
    const { summary } = analyze(text, { summarySentences: 3 });
    // Assess
    for (const sentence of summary) {
      if (/^(?:So|The decision)\b/.test(sentence)) {
        const index = text.paragraphs.indexOf(sentence);
        expect(summary, `"${sentence}" is shown without the one before it`).toContain(
          text.paragraphs[index - 1],
        );
      }
    }
  });
});
