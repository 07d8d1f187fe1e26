import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Analysis } from '../analysis/types.js';
import type { Article } from '../article/types.js';
import type { EditionDocument } from '../edition/document.js';
import { documentItems, editedMarks } from '../edition/render.js';
import { loadEdition } from '../edition/store.js';
import { editionEvents } from '../email/render.js';
import type { DigestItem, Edition, PersonalizedMessage, Rendered } from '../email/types.js';
import { shownAnalysis } from '../selection/shown-analysis.js';
import { type CheckResult, checkRendered, checkTemplates } from './checks.js';
import { type PreviewDelivery, type PreviewEngine, SAMPLE_RECIPIENT } from './render-engine.js';

/** One article of the preview list, or the input that failed to load or analyse. */
export interface ArticleEntry {
  index: number;
  input: string;
  article?: Article;
  analysis?: Analysis;
  /** What the email shows of it, when an edition document decides (the editing desk). */
  select?: DigestItem['select'];
  error?: string;
}

/** `all` (the whole edition) or the index of one article. */
export type Selection = 'all' | number;

/** Everything the page shows for one selection, built once per version. */
export interface EmailBuild {
  selection: Selection;
  label: string;
  items: DigestItem[];
  analyses: Analysis[];
  message?: PersonalizedMessage;
  warnings: string[];
  /** The digest rendered with the live templates, before personalisation (what a test send delivers). */
  rendered?: Rendered;
  /** The inbox preview text after the subject. */
  preheader?: string;
  /** Set when rendering failed: the page shows it instead of the email. */
  error?: string;
  eml?: Buffer;
  emlNote?: string;
  checks: CheckResult[];
  /** Hash of subject, HTML and text: the SpamAssassin cache key. */
  contentKey?: string;
}

/** The "not shown" list: what the selection left out of each article and why, plus the edition's notes. */
export function notShownCheck(items: DigestItem[], notes: string[]): CheckResult {
  const details = [
    ...notes,
    ...items.flatMap(({ article, selection }) =>
      (selection?.notShown ?? []).map((n) => `${article.title}: ${n.what} "${n.text}" (${n.reason})`),
    ),
  ];
  return {
    id: 'not-shown',
    title: 'Not shown',
    status: 'info',
    summary:
      details.length === 0
        ? 'Everything the analysis found is in the email.'
        : `${details.length} item${details.length === 1 ? '' : 's'} left out of the email, and why`,
    details,
  };
}

/** The dated events that go into the edition's events.ics attachment. */
export function calendarCheck(items: DigestItem[]): CheckResult {
  const events = editionEvents({ items });
  return {
    id: 'calendar',
    title: 'Calendar (events.ics)',
    status: 'info',
    summary:
      events.length === 0
        ? 'No dated events: the message carries no calendar attachment.'
        : `${events.length} dated event${events.length === 1 ? '' : 's'} attached as events.ics`,
    details: events.map((e) => `${e.date}: ${e.summary} (${e.story})`),
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The preview's state: the articles, the last template compile and the builds derived from them.
 * `version` grows on every reload so pages can tell that what they show is stale.
 */
export class PreviewSession {
  version = 0;
  entries: ArticleEntry[] = [];
  templateErrors: string[] = [];
  /** The edition document being edited (`digest preview --edition FILE`), as last loaded. */
  doc: EditionDocument | undefined;
  /** The edition file's text as last loaded: a watch event for a file that did not change is no reload. */
  editionText: string | undefined;
  private builds = new Map<string, Promise<EmailBuild>>();
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: PreviewEngine,
    private readonly inputs: string[],
    private readonly templatesDir: string,
    private readonly edition: () => Edition,
    private readonly delivery: PreviewDelivery,
    /** An edition document to preview and edit instead of article files. */
    readonly editionFile?: string,
  ) {}

  /** Reloads what changed: the templates, the articles, or both. Never throws. */
  reload(
    what: { templates?: boolean; articles?: boolean } = { templates: true, articles: true },
  ): Promise<void> {
    // Reloads run one after another so a slow compile cannot overwrite a newer one.
    this.reloading = this.reloading.then(async () => {
      try {
        if (what.templates)
          this.templateErrors = (await this.engine.compileTemplates(this.templatesDir)).errors;
      } catch (error) {
        this.templateErrors = [message(error)];
      }
      if (what.articles) this.entries = await this.loadEntries();
      this.builds.clear();
      this.version++;
    });
    return this.reloading;
  }

  /** Whether the edition file holds other text than was last loaded (a save, a hand edit). */
  editionChanged(): boolean {
    if (!this.editionFile) return false;
    try {
      return readFileSync(this.editionFile, 'utf8') !== this.editionText;
    } catch {
      return true;
    }
  }

  private loadEdition(file: string): ArticleEntry[] {
    try {
      this.editionText = readFileSync(file, 'utf8');
      const { doc } = loadEdition(file);
      this.doc = doc;
      return documentItems(doc).map((item, index) => ({ index, input: file, ...item }));
    } catch (error) {
      this.doc = undefined;
      return [{ index: 0, input: file, error: message(error) }];
    }
  }

  private async loadEntries(): Promise<ArticleEntry[]> {
    if (this.editionFile) return this.loadEdition(this.editionFile);
    const entries: ArticleEntry[] = [];
    for (const input of this.inputs) {
      let articles: Article[];
      try {
        articles = await this.engine.loadArticles([input]);
      } catch (error) {
        entries.push({ index: entries.length, input, error: message(error) });
        continue;
      }
      for (const article of articles) {
        try {
          entries.push({ index: entries.length, input, article, analysis: this.engine.analyze(article) });
        } catch (error) {
          entries.push({
            index: entries.length,
            input,
            article,
            error: `analysis failed: ${message(error)}`,
          });
        }
      }
    }
    return entries;
  }

  /** The entries that can go into a digest. */
  get ready(): (ArticleEntry & { article: Article; analysis: Analysis })[] {
    return this.entries.filter((e): e is ArticleEntry & { article: Article; analysis: Analysis } =>
      Boolean(e.article && e.analysis),
    );
  }

  /** Parses a selection from a URL segment; undefined when it names no article. */
  parseSelection(raw: string | null | undefined): Selection | undefined {
    if (raw === 'all') return 'all';
    if (!raw || !/^\d{1,6}$/.test(raw)) return undefined;
    const index = Number(raw);
    return this.entries[index] ? index : undefined;
  }

  /** The default selection: the whole edition when there are several articles. */
  get defaultSelection(): Selection {
    return this.entries.length === 1 ? 0 : 'all';
  }

  /** The build for a selection, computed once per version. */
  build(selection: Selection): Promise<EmailBuild> {
    const key = String(selection);
    let build = this.builds.get(key);
    if (!build) {
      build = this.createBuild(selection);
      this.builds.set(key, build);
    }
    return build;
  }

  private async createBuild(selection: Selection): Promise<EmailBuild> {
    const entries = this.ready.filter((e) => selection === 'all' || e.index === selection);
    const one = selection === 'all' ? undefined : this.entries[selection];
    const label =
      selection === 'all'
        ? `Full edition (${entries.length} article${entries.length === 1 ? '' : 's'})`
        : (one?.article?.title ?? one?.input ?? '');
    const items: DigestItem[] = entries.map((e) => ({
      article: e.article!,
      analysis: e.analysis!,
      ...(e.select ? { select: e.select } : {}),
    }));
    const build: EmailBuild = {
      selection,
      label,
      items,
      analyses: items.map((i) => i.analysis),
      warnings: [],
      checks: [checkTemplates(this.templateErrors)],
    };
    if (items.length === 0) {
      build.error = one?.error ?? 'no article could be loaded; see the list of articles';
      return build;
    }
    try {
      const { rendered, preheader, items: shown, notes } = this.engine.render(items, this.edition());
      build.rendered = rendered;
      build.preheader = preheader;
      build.items = shown;
      // The JSON tab shows what `digest analyze --json` prints: the analysis as the email shows it.
      build.analyses = shown.map((i) => {
        const analysis = shownAnalysis(
          i.article,
          i.analysis,
          i.selection ? { level: i.selection.level } : {},
        );
        if (!this.doc || !i.selection) return analysis;
        // An edition's JSON shows the email's own sentences and quotes, the editor's changes marked.
        const indices = new Set(i.selection.quotes.flatMap((q) => q.indices));
        return {
          ...analysis,
          summary: i.selection.summary,
          quotes: analysis.quotes.map((q, n) => ({ ...q, shown: indices.has(n) })),
          ...editedMarks(this.doc, i.article.id),
        };
      });
      build.warnings = rendered.warnings;
      build.checks.push(notShownCheck(shown, notes), calendarCheck(shown));
      build.message = this.engine.personalize(rendered, SAMPLE_RECIPIENT, this.delivery.personalize);
    } catch (error) {
      build.error = `rendering failed: ${message(error)}`;
      // A template error is already a check line; anything else (size, theme, data) gets its own.
      if (this.templateErrors.length === 0) {
        build.checks.push({ id: 'render', title: 'Rendering', status: 'error', summary: message(error) });
      }
      return build;
    }
    const { html, text, subject } = build.message;
    build.checks.push(...checkRendered(html, text));
    build.contentKey = createHash('sha256').update(`${subject}\0${html}\0${text}`).digest('hex');
    try {
      build.eml = await this.engine.buildMime(build.message, this.delivery.sender);
    } catch (error) {
      // e.g. a sender address the MIME builder refuses: the HTML still previews, the .eml says why not.
      build.emlNote = `Building the message failed: ${message(error)}`;
    }
    return build;
  }
}
