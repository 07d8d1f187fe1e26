import { join } from 'node:path';
import { analyze } from '../analysis/index.js';
import type { Analysis } from '../analysis/types.js';
import { loadSources } from '../article/sources.js';
import type { Article } from '../article/types.js';
import {
  type CompiledTemplates,
  compileTemplates,
  loadThemeFile,
  type PersonalizeContext,
  personalize,
  renderEdition,
  type Theme,
} from '../email/index.js';
import { buildMime, type SenderIdentity } from '../email/mime.js';
import type { DigestItem, Edition, PersonalizedMessage, Recipient, Rendered } from '../email/types.js';

/** What the preview needs from the rest of the pipeline; the default wires the real modules. */
export interface PreviewEngine {
  loadArticles(inputs: string[]): Promise<Article[]>;
  analyze(article: Article): Analysis;
  /** Recompiles the templates and reloads the theme from disk. Never throws: problems come back as errors. */
  compileTemplates(templatesDir: string): Promise<{ errors: string[] }>;
  /**
   * The shared edition render path (selection, compose, render, budget fit) with the templates of the
   * last compile; the preheader comes from compose, `items` are the items as shown (with their selection).
   */
  render(
    items: DigestItem[],
    edition: Edition,
  ): { rendered: Rendered; preheader: string; items: DigestItem[]; notes: string[] };
  personalize(rendered: Rendered, recipient: Recipient, ctx: PersonalizeContext): PersonalizedMessage;
  buildMime(message: PersonalizedMessage, sender: SenderIdentity): Promise<Buffer>;
}

/** Who sends and how links are signed: the same settings `digest send` uses, so the .eml is the real one. */
export interface PreviewDelivery {
  sender: SenderIdentity;
  personalize: PersonalizeContext;
  /** Base URL of the web editions; when set the email carries a view-in-browser link. */
  webBaseUrl?: string;
}

/** The sample recipient every preview is personalised for. */
export const SAMPLE_RECIPIENT: Recipient = { email: 'reader@example.com', name: 'Sample Reader' };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Where a theme for the preview may live: `theme.json` inside the templates folder. */
export const themeFileIn = (templatesDir: string) => join(templatesDir, 'theme.json');

/** Wires the real article reader, analyzer, renderer (with templates compiled from disk) and MIME builder. */
export function createDefaultEngine(): PreviewEngine {
  let templates: CompiledTemplates | undefined;
  let theme: Theme | undefined;
  return {
    async loadArticles(inputs) {
      // Files, local feed files, article URLs and feed URLs, as `digest render` reads them.
      const result = await loadSources(inputs, { allowEmpty: true });
      if (result.articles.length === 0) throw new Error(result.empty ?? 'no article in this input');
      return result.articles;
    },
    analyze: (article) => analyze(article),
    async compileTemplates(templatesDir) {
      const errors: string[] = [];
      try {
        // The theme of the folder being previewed; without a theme.json, the defaults.
        theme = loadThemeFile(themeFileIn(templatesDir), { optional: true });
      } catch (error) {
        // The page shows the error; the email keeps the last good theme so the editor still sees it.
        errors.push(errorText(error));
      }
      try {
        const result = await compileTemplates(templatesDir);
        // A broken template keeps nothing from the last good compile: the page must show the error.
        templates = result.templates ?? undefined;
        errors.push(...result.errors.map(String));
        if (!result.templates && result.errors.length === 0) errors.push('templates did not compile');
      } catch (error) {
        templates = undefined;
        errors.push(errorText(error));
      }
      return { errors };
    },
    render(items, edition) {
      if (!templates) throw new Error('the templates do not compile; see the template errors');
      const result = renderEdition(items, edition, { ...(theme ? { theme } : {}), templates });
      return {
        rendered: result.rendered,
        preheader: result.digest.preheader,
        items: result.digest.items,
        notes: result.notes,
      };
    },
    personalize: (rendered, recipient, ctx) => personalize(rendered, recipient, ctx),
    buildMime: (message, sender) => buildMime(message, sender),
  };
}
