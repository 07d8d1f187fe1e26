// Dev- and build-time only: this module loads mjml (slow, 3.7 MB). Runtime code imports
// templates-runtime.ts instead, which needs only handlebars/runtime.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { defaultTemplatesDir, templatesSourceHash } from './template-files.js';
import { smokeCheck } from './template-smoke-check.js';
import { type CompiledTemplates, type TemplateName, templatesFromSpecs } from './templates-runtime.js';

/** A problem found while compiling, located in the template file that caused it when known. */
export class TemplateProblem {
  constructor(
    readonly file: string,
    readonly message: string,
    readonly line?: number,
  ) {}

  /** `file:line: message`, the form editors and terminals link to. */
  toString(): string {
    return `${this.file}${this.line === undefined ? '' : `:${this.line}`}: ${this.message}`;
  }
}

const problem = (p: { file: string; line?: number | undefined; message: string }): TemplateProblem =>
  new TemplateProblem(p.file, p.message, p.line);

/** The outcome of compiling a template folder: templates when it worked, problems otherwise. */
export interface CompileResult {
  templates: CompiledTemplates | null;
  errors: TemplateProblem[];
  /** JavaScript source of each precompiled template (what the build writes to build/templates.js). */
  precompiled: Partial<Record<TemplateName, string>>;
  /** The HTML template after MJML (Handlebars placeholders still in it). */
  htmlSource?: string;
  sourceHash: string;
}

interface SourceLine {
  text: string;
  file: string;
  line: number;
}

const PARTIAL_REF = /\{\{>\s*([\w-]+)\s*\}\}/;
const MAX_PARTIAL_DEPTH = 8;

class TemplateSourceError extends Error {
  readonly problem: TemplateProblem;
  constructor(details: { file: string; line?: number; message: string }) {
    super(details.message);
    this.problem = problem(details);
  }
}

/**
 * Inlines `{{> name}}` references (each on its own line) with `partials/name.<ext>`, keeping a map from
 * each line back to its file so MJML errors point at the right place. Partials are inlined before MJML
 * runs because MJML must see the whole document.
 */
function expandPartials(dir: string, file: string, ext: string, depth = 0): SourceLine[] {
  if (depth > MAX_PARTIAL_DEPTH) {
    throw new TemplateSourceError({
      file,
      message: `partials nested deeper than ${MAX_PARTIAL_DEPTH} (a cycle?)`,
    });
  }
  let content: string;
  try {
    content = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    throw new TemplateSourceError({ file, message: `cannot read: ${(error as Error).message}` });
  }
  const out: SourceLine[] = [];
  content.split('\n').forEach((text, index) => {
    const match = PARTIAL_REF.exec(text);
    if (!match) {
      out.push({ text, file, line: index + 1 });
      return;
    }
    if (text.trim() !== match[0]) {
      throw new TemplateSourceError({
        file,
        line: index + 1,
        message: `partial reference ${match[0]} must be on a line of its own`,
      });
    }
    const name = match[1]!;
    out.push(...expandPartials(dir, join('partials', `${name}${ext}`), ext, depth + 1));
  });
  return out;
}

// MJML validates colour attributes strictly, so `{{{@root.theme.colors.x}}}` is swapped for a unique
// sentinel colour during the MJML compile and swapped back afterwards.
const THEME_EXPR = /\{\{\{\s*@root\.theme\.([\w.]+)\s*\}\}\}/g;

function protectThemeExpressions(source: string): { source: string; restore: (html: string) => string } {
  const sentinels = new Map<string, string>();
  const protectedSource = source.replace(THEME_EXPR, (expr) => {
    let sentinel = sentinels.get(expr);
    if (!sentinel) {
      sentinel = `#c0de${sentinels.size.toString(16).padStart(2, '0')}`;
      sentinels.set(expr, sentinel);
    }
    return sentinel;
  });
  return {
    source: protectedSource,
    restore: (html) => {
      let out = html;
      for (const [expr, sentinel] of sentinels) out = out.replace(new RegExp(sentinel, 'gi'), expr);
      return out;
    },
  };
}

// Unescaped output is allowed only for values the view model validated: http(s) URLs, theme colours
// and fonts, and the per-recipient slots that personalize fills with escaped values.
const RAW_ALLOWED =
  /^(?:url|logoUrl|websiteUrl|slots\.(?:unsubscribeUrl|viewInBrowserUrl|name)|@root\.(?:logoUrl|websiteUrl|slots\.\w+)|@root\.theme\.(?:colors|darkColors)\.\w+|@root\.theme\.(?:fontFamily|headingFontFamily))$/;

/** Finds `{{{expr}}}` and `{{& expr}}` outputs of anything not known to be validated. */
function unsafeRawOutputs(lines: SourceLine[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const { text, file, line } of lines) {
    for (const match of text.matchAll(/\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}/g)) {
      const expr = (match[1] ?? match[2] ?? '').trim();
      if (!RAW_ALLOWED.test(expr)) {
        problems.push(
          problem({
            file,
            line,
            message: `unescaped output of "${expr}": use {{${expr}}} (only validated URLs, theme values and slots may be unescaped)`,
          }),
        );
      }
    }
  }
  return problems;
}

interface MjmlValidationError {
  line?: number;
  message?: string;
  tagName?: string;
}

function locate(
  lines: SourceLine[],
  line: number | undefined,
  message: string,
  main = 'digest.mjml',
): TemplateProblem {
  const origin = line === undefined ? undefined : lines[line - 1];
  return origin
    ? problem({ file: origin.file, line: origin.line, message })
    : problem({ file: main, line, message });
}

async function compileHtml(
  dir: string,
  main = 'digest.mjml',
): Promise<{ html: string } | { errors: TemplateProblem[] }> {
  const lines = expandPartials(dir, main, '.mjml');
  const unsafe = unsafeRawOutputs(lines);
  if (unsafe.length > 0) return { errors: unsafe };
  const { source, restore } = protectThemeExpressions(lines.map((l) => l.text).join('\n'));
  try {
    const result = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
    if (result.errors.length > 0) {
      return { errors: result.errors.map((e) => locate(lines, e.line, e.message, main)) };
    }
    // Collapse MJML's indentation: about a third of the bytes, and no <pre> in these templates.
    return { html: restore(result.html).replace(/\n\s+/g, '\n') };
  } catch (error) {
    const details = (error as { errors?: MjmlValidationError[] }).errors;
    if (Array.isArray(details) && details.length > 0) {
      return {
        errors: details.map((e) =>
          locate(
            lines,
            e.line,
            `${e.tagName ? `<${e.tagName}> ` : ''}${e.message ?? 'invalid'}`.trim(),
            main,
          ),
        ),
      };
    }
    return {
      errors: [problem({ file: main, message: `MJML failed: ${(error as Error).message}` })],
    };
  }
}

// Only built-in helpers: a template cannot call into code that was registered at run time.
const BASE_OPTIONS = { knownHelpersOnly: true, strict: false } as const;

function precompile(
  name: TemplateName | NoticeTemplateName,
  source: string,
  file: string,
  errors: TemplateProblem[],
): string | null {
  try {
    return Handlebars.precompile(source, {
      ...BASE_OPTIONS,
      // HTML escapes every `{{value}}`; the text, subject and preheader are plain text.
      noEscape: name !== 'html' && name !== 'noticeHtml',
    }) as unknown as string;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'Handlebars syntax error';
    errors.push(problem({ file, message: `Handlebars: ${message}` }));
    return null;
  }
}

/** Evaluates precompiled template source into a spec object (what build/templates.js holds). */
function specFromSource(code: string): unknown {
  return new Function(`return (${code});`)();
}

/**
 * Compiles a template folder: MJML once (validationLevel strict) and then Handlebars precompile, the
 * same path as the build. Never throws for template mistakes: they come back in `errors`, located
 * in the file that caused them, so the preview can show them.
 */
export async function compileTemplates(dir: string = defaultTemplatesDir()): Promise<CompileResult> {
  const errors: TemplateProblem[] = [];
  const precompiled: Partial<Record<TemplateName, string>> = {};
  let sourceHash = 'unknown';
  let htmlSource: string | undefined;
  try {
    sourceHash = templatesSourceHash(dir);
    const html = await compileHtml(dir);
    if ('errors' in html) errors.push(...html.errors);
    else htmlSource = html.html;
    const plain: [TemplateName, string, string][] = [
      [
        'text',
        'digest.txt.hbs',
        expandPartials(dir, 'digest.txt.hbs', '.txt.hbs')
          .map((l) => l.text)
          .join('\n'),
      ],
      ['subject', 'subject.hbs', readFileSync(join(dir, 'subject.hbs'), 'utf8').trim()],
      ['preheader', 'preheader.hbs', readFileSync(join(dir, 'preheader.hbs'), 'utf8').trim()],
    ];
    if (htmlSource !== undefined) plain.unshift(['html', 'digest.mjml', htmlSource]);
    for (const [name, file, source] of plain) {
      const code = precompile(name, source, file, errors);
      if (code !== null) precompiled[name] = code;
    }
  } catch (error) {
    if (error instanceof TemplateSourceError) errors.push(error.problem);
    else errors.push(problem({ file: '.', message: (error as Error).message }));
  }
  if (errors.length > 0)
    return { templates: null, errors, precompiled, sourceHash, ...(htmlSource ? { htmlSource } : {}) };
  const specs = Object.fromEntries(
    Object.entries(precompiled).map(([name, code]) => [name, specFromSource(code)]),
  ) as Record<TemplateName, unknown>;
  const templates = templatesFromSpecs(specs, sourceHash);
  const lost = smokeCheck(templates).map((message) => problem({ file: 'digest.mjml', message }));
  if (lost.length > 0) return { templates: null, errors: lost, precompiled, htmlSource, sourceHash };
  return { templates, errors, precompiled, htmlSource, sourceHash };
}

/** Formats problems one per line, `file:line: message`. */
export function formatProblems(problems: TemplateProblem[]): string {
  return problems.map(String).join('\n');
}

/** The two templates of a notice (signup confirmation, welcome): same theme and styles as the digest. */
export type NoticeTemplateName = 'noticeHtml' | 'noticeText';

/**
 * Compiles `notice.mjml` and `notice.txt.hbs` (MJML strict, then Handlebars precompile), the layout of
 * the signup confirmation and welcome emails. Returns the precompiled sources, or the problems.
 */
export async function compileNoticeTemplates(
  dir: string = defaultTemplatesDir(),
): Promise<{ precompiled: Partial<Record<NoticeTemplateName, string>>; errors: TemplateProblem[] }> {
  const errors: TemplateProblem[] = [];
  const precompiled: Partial<Record<NoticeTemplateName, string>> = {};
  try {
    const html = await compileHtml(dir, 'notice.mjml');
    if ('errors' in html) errors.push(...html.errors);
    else {
      const code = precompile('noticeHtml', html.html, 'notice.mjml', errors);
      if (code !== null) precompiled.noticeHtml = code;
    }
    const text = expandPartials(dir, 'notice.txt.hbs', '.txt.hbs')
      .map((l) => l.text)
      .join('\n');
    const code = precompile('noticeText', text, 'notice.txt.hbs', errors);
    if (code !== null) precompiled.noticeText = code;
  } catch (error) {
    if (error instanceof TemplateSourceError) errors.push(error.problem);
    else errors.push(problem({ file: '.', message: (error as Error).message }));
  }
  return { precompiled, errors };
}
