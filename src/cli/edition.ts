import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EditionDocument } from '../edition/document.js';
import { applyChange } from '../edition/edits.js';
import { loadEdition, saveEdition } from '../edition/store.js';
import { InputError } from '../errors.js';
import { editorName } from '../settings/local.js';
import type { Command } from './io.js';

const HELP = `Usage: digest edition show|approve|cancel FILE [--by NAME] [--json]
       digest edition pull|approve|cancel --remote EDITION-ID      (a deployed draft, review mode)
       digest edition push --remote FILE

  show     the edition's status, version, subject, preheader, note, stories and quotes, and its edits
           (--json prints the document as validated, with any hand edits of the file recorded)
  approve  marks the draft approved: \`digest send --edition FILE\` sends only an approved edition
  cancel   cancels a draft or approved edition: it can no longer be sent
--by NAME  who approves or cancels (default DIGEST_EDITOR, else the login name)

  --remote: the deployed drafts (digest:review = approve). pull writes edition-ID.json (--out FILE) to
  edit in the preview; push uploads it as the next version, refused when the deployed draft changed since
  the pull; approve starts the send; cancel cancels it. Names from --table, --bucket, --queue (or
  DIGEST_EDITIONS_TABLE, DIGEST_ARTICLES_BUCKET, DIGEST_APPROVAL_QUEUE) or cdk-outputs.json (--outputs FILE,
  --stack NAME); --region R.
`;

/** A readable account of an edition: what the email shows, and what was changed. */
export function describeEdition(doc: EditionDocument, file: string): string {
  const lines = [
    `${file}: ${doc.status}, version ${doc.version}, edition of ${doc.date}`,
    `subject:   ${doc.subject}`,
    `preheader: ${doc.preheader}`,
    ...(doc.note ? [`note:      ${doc.note}`] : []),
  ];
  doc.stories.forEach((story, s) => {
    lines.push('', `${s + 1}. ${story.article.title}${s === 0 ? '  (lead)' : ''}  [${story.article.id}]`);
    for (const sentence of story.summary)
      lines.push(`   - ${sentence.text}${sentence.text !== sentence.original ? '  (edited)' : ''}`);
    story.quotes.forEach((quote, q) => {
      const who = quote.speaker ?? quote.role ?? 'no speaker';
      const mark = quote.dropped
        ? '  (dropped)'
        : quote.speaker !== quote.originalSpeaker
          ? '  (speaker edited)'
          : '';
      lines.push(`   q${q}: "${quote.parts.join(' … ')}" — ${who}${mark}`);
    });
  });
  lines.push('', `${doc.edits.length} edit${doc.edits.length === 1 ? '' : 's'} recorded`);
  for (const edit of doc.edits.slice(-10))
    lines.push(
      `   ${edit.at} ${edit.by} (${edit.via}) ${edit.path}: ${JSON.stringify(edit.from)} -> ${JSON.stringify(edit.to)}`,
    );
  return `${lines.join('\n')}\n`;
}

/** `digest edition show|approve|cancel FILE`. */
export const editionCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      by: { type: 'string' },
      json: { type: 'boolean' },
      remote: { type: 'boolean' },
      table: { type: 'string' },
      bucket: { type: 'string' },
      queue: { type: 'string' },
      region: { type: 'string' },
      outputs: { type: 'string' },
      stack: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const [action, typed, ...extra] = positionals;
  if (values.remote) {
    if (!action || !['pull', 'push', 'approve', 'cancel'].includes(action))
      throw new InputError(
        `edition --remote: expected pull, push, approve or cancel, got ${JSON.stringify(action ?? '')}`,
      );
    if (extra.length > 0)
      throw new InputError(`edition ${action} --remote: one argument only, got also "${extra[0]}"`);
    const { remoteEditionCommand } = await import('./edition-remote.js');
    return remoteEditionCommand(action, typed, values, editorName(io.env, values.by), io);
  }
  if (action === 'pull' || action === 'push')
    throw new InputError(`edition ${action} works on the deployed drafts: add --remote`);
  if (!action || !['show', 'approve', 'cancel'].includes(action))
    throw new InputError(`edition: expected show, approve or cancel, got ${JSON.stringify(action ?? '')}`);
  if (!typed) throw new InputError(`edition ${action}: name the edition FILE`);
  if (extra.length > 0) throw new InputError(`edition ${action}: one FILE only, got also "${extra[0]}"`);
  const file = isAbsolute(typed) ? typed : resolve(io.cwd, typed);
  const by = editorName(io.env, values.by);
  const { doc, fileEdits } = loadEdition(file, by);
  if (action === 'show') {
    if (values.json) io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    else io.stdout.write(describeEdition(doc, typed));
    if (fileEdits.length > 0)
      io.stderr.write(
        `note: ${fileEdits.length} hand edit(s) of the file found; recorded at the next save\n`,
      );
    return 0;
  }
  const changed = applyChange(doc, { op: action === 'approve' ? 'approve' : 'cancel' }, { by, via: 'cli' });
  const saved = saveEdition(file, changed);
  io.stdout.write(`${typed}: ${saved.status} by ${by} (version ${saved.version})\n`);
  if (saved.status === 'approved') io.stdout.write(`send it with: digest send --edition ${typed}\n`);
  return 0;
};
