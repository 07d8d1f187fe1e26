// The templates and theme compiled at build time. Kept apart from templates-runtime.ts so the build
// script, which writes build/templates.js, never imports it.
import {
  noticeSpecs as builtNoticeSpecs,
  sourceHash as builtSourceHash,
  specs as builtSpecs,
  theme as builtThemeInput,
} from '../../build/templates.js';
import {
  type CompiledTemplates,
  type NoticeTemplates,
  noticeTemplatesFromSpecs,
  type TemplateName,
  templatesFromSpecs,
} from './templates-runtime.js';
import { resolveTheme, type Theme, type ThemeInput } from './theme.js';

let built: CompiledTemplates | undefined;

/** The templates compiled at build time (build/templates.js, written by scripts/build-templates.ts). */
export function builtTemplates(): CompiledTemplates {
  built ??= templatesFromSpecs(builtSpecs as Record<TemplateName, unknown>, builtSourceHash);
  return built;
}

let projectTheme: Theme | undefined;

/**
 * The project's theme: the defaults with templates/theme.json over them, as validated at build time.
 * Every render path (CLI, preview, send, Lambda) starts from it, so editing theme.json restyles all.
 */
export function builtTheme(): Theme {
  projectTheme ??= resolveTheme((builtThemeInput ?? {}) as ThemeInput);
  return projectTheme;
}

let notice: NoticeTemplates | undefined;

/** The notice templates (signup confirmation, welcome) compiled at build time. */
export function builtNoticeTemplates(): NoticeTemplates {
  notice ??= noticeTemplatesFromSpecs(builtNoticeSpecs as Record<'html' | 'text', unknown>);
  return notice;
}
