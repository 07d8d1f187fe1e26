import { vi } from 'vitest';

interface LevelledLogger {
  setLogLevel(level: 'SILENT' | 'INFO' | 'WARN'): void;
}

/**
 * Runs `act` with a Powertools logger at `level`, capturing what it writes to stdout and stderr, and
 * returns the result and the logged JSON lines (the logger is silenced again afterwards).
 */
export async function captureLog<T>(
  logger: LevelledLogger,
  level: 'INFO' | 'WARN',
  act: () => Promise<T>,
): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  logger.setLogLevel(level);
  try {
    const result = await act();
    const lines = chunks
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    return { result, lines };
  } finally {
    logger.setLogLevel('SILENT');
    out.mockRestore();
    err.mockRestore();
  }
}
