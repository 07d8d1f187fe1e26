import type { EditionDocument, EditionStory } from '../edition/document.js';
import { html, type SafeHtml } from './safe-html.js';

/** A stable, attribute-safe id for a control of a story (article ids are hex; indices are numbers). */
const cid = (...parts: (string | number)[]) => parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');

function quoteControls(story: EditionStory, q: number, editable: boolean): SafeHtml {
  const quote = story.quotes[q]!;
  const id = story.article.id;
  const names = [
    ...new Set([...(quote.originalSpeaker ? [quote.originalSpeaker] : []), ...quote.candidates]),
  ];
  const typed = quote.speaker !== null && !names.includes(quote.speaker) ? quote.speaker : '';
  const disabled = editable ? '' : html`disabled`;
  return html`<li class="desk-quote${quote.dropped ? ' dropped' : ''}" data-quote="${String(q)}">
    <blockquote>${quote.leadIn ? html`<span class="lead-in">${quote.leadIn}</span> ` : ''}“${quote.parts.join(' … ')}”</blockquote>
    <p class="who">${quote.dropped ? 'Dropped: not in the email' : `— ${quote.speaker ?? quote.role ?? 'no speaker'}`}${quote.speaker !== quote.originalSpeaker ? html` <span class="tag">speaker edited (was ${quote.originalSpeaker ?? 'none'})</span>` : ''}</p>
    <form class="desk-form inline" data-op="${quote.dropped ? 'restore-quote' : 'drop-quote'}" data-story="${id}" data-quote="${String(q)}">
      <button type="submit" id="${cid('drop', id, q)}" ${disabled}>${quote.dropped ? 'Restore quote' : 'Drop quote'}</button>
    </form>
    <form class="desk-form speaker" data-op="speaker" data-story="${id}" data-quote="${String(q)}">
      <label for="${cid('speaker', id, q)}">Speaker</label>
      <select id="${cid('speaker', id, q)}" name="pick" ${disabled}>
        ${names.map((name) => html`<option value="${name}" ${quote.speaker === name ? html`selected` : ''}>${name}${name === quote.originalSpeaker ? ' (analyzer)' : ''}</option>`)}
        <option value="" ${quote.speaker === null ? html`selected` : ''}>No speaker</option>
        <option value="__typed__" ${typed ? html`selected` : ''}>Another name (type it)</option>
      </select>
      <label for="${cid('speaker-typed', id, q)}">Or type a name</label>
      <input id="${cid('speaker-typed', id, q)}" name="typed" type="text" value="${typed}" autocomplete="off" ${disabled}>
      <button type="submit" id="${cid('speaker-save', id, q)}" ${disabled}>Save speaker</button>
    </form>
  </li>`;
}

/** The stories' order, compact so that every story is a drop target in view: drag, or the buttons. */
function orderControls(doc: EditionDocument, editable: boolean): SafeHtml {
  const last = doc.stories.length - 1;
  return html`<h3 id="order-heading">Order of stories</h3>
    <p class="hint">Drag a story to its place, or use its buttons. The first story is the lead.</p>
    <ol class="desk-order" aria-labelledby="order-heading">${doc.stories.map((story, s) => {
      const id = story.article.id;
      return html`<li class="desk-order-item" draggable="${editable ? 'true' : 'false'}" data-story="${id}" data-index="${String(s)}">
        <span class="title">${story.article.title}</span> ${s === 0 ? html`<span class="tag lead">Lead</span>` : ''}
        <span class="order-buttons">
          <form class="desk-form inline" data-op="lead" data-story="${id}"><button type="submit" id="${cid('lead', id)}" ${s === 0 || !editable ? html`disabled` : ''}>Make lead</button></form>
          <form class="desk-form inline" data-op="move" data-story="${id}" data-to="${String(s - 1)}"><button type="submit" id="${cid('up', id)}" aria-label="Move “${story.article.title}” up" ${s === 0 || !editable ? html`disabled` : ''}>Move up</button></form>
          <form class="desk-form inline" data-op="move" data-story="${id}" data-to="${String(s + 1)}"><button type="submit" id="${cid('down', id)}" aria-label="Move “${story.article.title}” down" ${s === last || !editable ? html`disabled` : ''}>Move down</button></form>
        </span>
      </li>`;
    })}</ol>`;
}

function storyControls(story: EditionStory, s: number, editable: boolean): SafeHtml {
  const id = story.article.id;
  const disabled = editable ? '' : html`disabled`;
  return html`<li class="desk-story" data-story="${id}">
    <h3><span class="num">${String(s + 1)}.</span> ${story.article.title} ${s === 0 ? html`<span class="tag lead">Lead</span>` : ''}</h3>
    <h4>Summary</h4>
    ${story.summary.map(
      (
        sentence,
        i,
      ) => html`<form class="desk-form sentence" data-op="summary" data-story="${id}" data-sentence="${String(i)}">
        <label for="${cid('summary', id, i)}">Summary sentence ${String(i + 1)}${sentence.text !== sentence.original ? ' (edited)' : ''}</label>
        <textarea id="${cid('summary', id, i)}" name="text" rows="3" ${disabled}>${sentence.text}</textarea>
        <button type="submit" id="${cid('summary-save', id, i)}" ${disabled}>Save sentence</button>
      </form>`,
    )}
    <h4>Key quotes</h4>
    <ul class="desk-quotes">${story.quotes.map((_, q) => quoteControls(story, q, editable))}</ul>
  </li>`;
}

/**
 * The editing desk: every control is a form with a label and a button, so it works with the keyboard
 * alone; the page script posts each as one change to /edition, which saves the file and reloads.
 */
export function renderDesk(desk: {
  token: string;
  file: string;
  doc: EditionDocument | undefined;
}): SafeHtml {
  const { doc } = desk;
  if (!doc) {
    return html`<section class="desk" id="desk" data-live aria-label="Editing desk" data-token="${desk.token}">
      <h2>Editing desk</h2><p class="error-text" role="alert">The edition file cannot be used; fix it and save: see the article list.</p></section>`;
  }
  const editable = doc.status === 'draft' || doc.status === 'approved';
  const disabled = editable ? '' : html`disabled`;
  return html`<section class="desk" id="desk" data-live aria-label="Editing desk" data-token="${desk.token}">
    <h2>Editing desk</h2>
    <p class="desk-status">Status <strong id="edition-status" data-status="${doc.status}">${doc.status}</strong> · version <span id="edition-version">${String(doc.version)}</span> · ${String(doc.edits.length)} edits · <code>${desk.file}</code></p>
    <output id="desk-message" aria-live="polite"></output>
    <form class="desk-form inline" data-op="approve"><button type="submit" id="approve" ${doc.status === 'draft' ? '' : html`disabled`}>Approve edition</button></form>
    <form class="desk-form field" data-op="subject">
      <label for="desk-subject">Subject</label>
      <input id="desk-subject" name="text" type="text" maxlength="150" value="${doc.subject}" ${disabled}>
      <button type="submit" id="desk-subject-save" ${disabled}>Save subject</button>
    </form>
    <form class="desk-form field" data-op="preheader">
      <label for="desk-preheader">Preheader</label>
      <input id="desk-preheader" name="text" type="text" maxlength="160" value="${doc.preheader}" ${disabled}>
      <button type="submit" id="desk-preheader-save" ${disabled}>Save preheader</button>
    </form>
    <form class="desk-form field" data-op="note">
      <label for="desk-note">Editor's note</label>
      <textarea id="desk-note" name="text" rows="3" ${disabled}>${doc.note ?? ''}</textarea>
      <button type="submit" id="desk-note-save" ${disabled}>Save note</button>
    </form>
    ${orderControls(doc, editable)}
    <ol class="desk-stories">${doc.stories.map((story, s) => storyControls(story, s, editable))}</ol>
  </section>`;
}
