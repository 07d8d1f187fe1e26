import type { Command } from './io.js';

export const subscribersCommand: Command = async (_argv, io) => {
  io.stderr.write('digest subscribers: not implemented yet\n');
  return 1;
};
