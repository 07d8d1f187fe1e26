import { HtmlValidate } from 'html-validate';

// The standard preset: conformance to the HTML living standard (obsolete attributes included), no
// style opinions. Nothing is turned off.
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

/** The validator's messages for a page, one line each ("rule: message (line:column)"); empty when valid. */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
  );
}
