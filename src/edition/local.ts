import { loadSources, type SourceOptions, type SourceResult } from '../article/sources.js';
import type { Rendered } from '../email/types.js';
import { InputError } from '../errors.js';
import type { EditionDocument } from './document.js';
import { draftEdition } from './draft.js';
import { renderDocument } from './render.js';

/** The edition settings a local run takes from its configuration. */
export interface LocalEditionSettings {
  webBaseUrl?: string;
  quotesPerArticle?: number;
}

/**
 * Collect and draft: reads the sources (files, URLs, feeds; feed items already in an earlier edition
 * are skipped through `sourceOptions.editionStore`) and drafts their edition in the given order.
 * `doc` is absent when the sources hold nothing new (`sources.empty` says why).
 */
export async function collectAndDraft(
  inputs: string[],
  date: string,
  sourceOptions: SourceOptions,
  settings: LocalEditionSettings = {},
): Promise<{ sources: SourceResult; doc?: EditionDocument }> {
  const sources = await loadSources(inputs, sourceOptions);
  if (sources.articles.length === 0) return { sources };
  const doc = draftEdition(
    sources.articles.map((article, i) => ({ article, itemKey: sources.itemKeys[i] ?? article.source })),
    {
      date,
      order: 'editor',
      ...(settings.quotesPerArticle !== undefined ? { quotesPerArticle: settings.quotesPerArticle } : {}),
    },
  );
  return { sources, doc };
}

/**
 * Collect, draft and render in one step (a send of named articles without a stored draft); `rendered`
 * is absent when the sources hold nothing new.
 */
export async function loadAndRender(
  inputs: string[],
  date: string,
  settings: LocalEditionSettings,
  sourceOptions: SourceOptions,
): Promise<{ sources: SourceResult; doc?: EditionDocument; rendered?: Rendered }> {
  const { sources, doc } = await collectAndDraft(inputs, date, sourceOptions, settings);
  if (!doc) return { sources };
  const edition = renderDocument(doc, settings.webBaseUrl ? { webBaseUrl: settings.webBaseUrl } : {});
  sources.notes.push(...edition.notes);
  return { sources, doc, rendered: edition.rendered };
}

/** Reads, analyses, drafts and renders the edition of `inputs` for `date` (no edits). */
export async function renderDigest(
  inputs: string[],
  date: string,
  settings: LocalEditionSettings,
  stdin?: NodeJS.ReadableStream,
): Promise<Rendered> {
  const { rendered } = await loadAndRender(inputs, date, settings, stdin ? { stdin } : {});
  if (!rendered) throw new InputError('no articles in the inputs');
  return rendered;
}
