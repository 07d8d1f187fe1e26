import type { Command } from './io.js';

export const sendCommand: Command = async (_argv, io) => {
  io.stderr.write('digest send: not implemented yet\n');
  return 1;
};
