import type { Rendered } from '../email/types.js';

/** The subject marker of a test send. */
export const TEST_MARKER = '[Test]';

const BANNER_TEXT =
  'TEST SEND: this is a test of the edition, not the edition itself. Readers have not received it.';
const BANNER_HTML = `<div role="note" data-test-banner style="background:#fff3cd;color:#4d3800;border:2px solid #8a6d00;padding:12px 16px;font:bold 15px/1.4 Arial,sans-serif;text-align:center;">${BANNER_TEXT}</div>`;

/**
 * A test send's copy of a rendered edition: "[Test]" in front of the subject and a banner at the top of
 * the HTML and the text, so nobody takes it for the edition. The edition itself is left unchanged.
 */
export function markTest(rendered: Rendered): Rendered {
  if (rendered.subject.startsWith(TEST_MARKER)) return rendered;
  const body = /<body[^>]*>/i.exec(rendered.html);
  const html = body
    ? `${rendered.html.slice(0, body.index + body[0].length)}${BANNER_HTML}${rendered.html.slice(body.index + body[0].length)}`
    : `${BANNER_HTML}${rendered.html}`;
  return {
    ...rendered,
    subject: `${TEST_MARKER} ${rendered.subject}`,
    html,
    text: `*** ${BANNER_TEXT} ***\n\n${rendered.text}`,
  };
}
