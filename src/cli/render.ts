import type { Command } from './io.js';

export const renderCommand: Command = async (_argv, io) => {
  io.stderr.write('digest render: not implemented yet\n');
  return 1;
};
