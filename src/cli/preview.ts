import type { Command } from './io.js';

export const previewCommand: Command = async (_argv, io) => {
  io.stderr.write('digest preview: not implemented yet\n');
  return 1;
};
