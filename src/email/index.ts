// The rendering API: compose -> render -> personalize. Runtime code only; the MJML compiler lives in
// compile-templates.ts and is loaded on demand, so bundles of this module do not carry mjml.
import type { CompileResult } from './compile-templates.js';

export { builtTemplates, builtTheme } from './built-templates.js';
export type { CompileResult, TemplateProblem } from './compile-templates.js';
export { compose, digestId } from './compose.js';
export {
  type EditionRender,
  type EditionRenderOptions,
  type LeftOut,
  newsworthiness,
  renderEdition,
} from './edition-render.js';
export { editionWebUrl, htmlLinks, safeHttpUrl, textLinks } from './links.js';
export { type PersonalizeContext, personalize } from './personalize.js';
export { render } from './render.js';
export {
  createUnsubscribeToken,
  type UnsubscribeClaims,
  verifyUnsubscribeToken,
} from './signed-tokens.js';
export { checkHtmlSize, HTML_LIMIT_BYTES, HTML_WARN_BYTES } from './size-limits.js';
export { defaultTemplatesDir, templatesSourceHash } from './template-files.js';
export type { CompiledTemplates } from './templates-runtime.js';
export {
  contrastRatio,
  defaultTheme,
  resolveTheme,
  type Theme,
  type ThemeColors,
  type ThemeInput,
} from './theme.js';
export { defaultThemeFile, loadThemeFile } from './theme-file.js';
export type * from './types.js';

// A computed specifier keeps bundlers from following it: only dev tools (preview, build) compile MJML.
const compilerModule = './compile-templates.js';

/**
 * Compiles a template folder the way the build does (MJML strict, then Handlebars) and returns the
 * templates or the problems (MJML validation errors, located in their file); never throws for template
 * mistakes. Pass `result.templates` to `compose`/`render`. Loads mjml: dev-time only.
 */
export async function compileTemplates(dir?: string): Promise<CompileResult> {
  const compiler = (await import(compilerModule)) as typeof import('./compile-templates.js');
  return compiler.compileTemplates(dir);
}
