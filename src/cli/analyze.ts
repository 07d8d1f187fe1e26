import type { Command } from './io.js';

export const analyzeCommand: Command = async (_argv, io) => {
  io.stderr.write('digest analyze: not implemented yet\n');
  return 1;
};
