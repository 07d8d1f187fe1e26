import HandlebarsRuntime from 'handlebars/runtime.js';
import { RenderError } from '../errors.js';

/** The four templates a digest needs. */
export const TEMPLATE_NAMES = ['html', 'text', 'subject', 'preheader'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** A template ready to call with a view model. */
export type TemplateFn = (context: unknown) => string;

/** A complete, ready-to-render template set: from the build, or freshly compiled by the preview. */
export interface CompiledTemplates {
  html: TemplateFn;
  text: TemplateFn;
  subject: TemplateFn;
  preheader: TemplateFn;
  /** sha256 of the template sources they came from, to tell a stale build. */
  sourceHash: string;
}

// One isolated runtime: helpers registered elsewhere in the process cannot leak into emails.
// handlebars/runtime ships no useful typings; it is the runtime half of the full package's API.
const runtime = (HandlebarsRuntime as unknown as typeof import('handlebars')).create();

/** Turns precompiled Handlebars specs (from `Handlebars.precompile`) into callable templates. */
export function templatesFromSpecs(
  specs: Record<TemplateName, unknown>,
  sourceHash: string,
): CompiledTemplates {
  const compiled = {} as Record<TemplateName, TemplateFn>;
  for (const name of TEMPLATE_NAMES) {
    const spec = specs[name];
    if (spec === undefined || spec === null) throw new RenderError(`templates: "${name}" is missing`);
    const template = runtime.template(spec as TemplateSpecification);
    compiled[name] = (context) => template(context);
  }
  return { ...compiled, sourceHash };
}

type TemplateSpecification = Parameters<typeof runtime.template>[0];

/** The HTML and text templates of a notice email (signup confirmation, welcome). */
export interface NoticeTemplates {
  html: TemplateFn;
  text: TemplateFn;
}

/** Turns the precompiled notice specs into callable templates. */
export function noticeTemplatesFromSpecs(specs: Record<'html' | 'text', unknown>): NoticeTemplates {
  const out = {} as Record<'html' | 'text', TemplateFn>;
  for (const name of ['html', 'text'] as const) {
    const spec = specs[name];
    if (spec === undefined || spec === null) throw new RenderError(`notice templates: "${name}" is missing`);
    const template = runtime.template(spec as TemplateSpecification);
    out[name] = (context) => template(context);
  }
  return out;
}
