import { describe, expect, it } from 'vitest';
import { sameSpeaker, speakerKey } from '../../src/analysis/attribution/candidates.js';

describe('a generational suffix is not the name a speaker is known by', () => {
  it('keys "Dale Okafor III" and "Rowan Lisle Jr." by their surnames', () => {
    expect(speakerKey('Dale Okafor III')).toBe('okafor');
    expect(speakerKey('Rowan Lisle Jr.')).toBe('lisle');
    expect(speakerKey('Malcolm X')).toBe('x');
  });

  it('takes the surname alone for the same speaker as the full name with its suffix', () => {
    expect(sameSpeaker('Okafor', 'Dale Okafor III')).toBe(true);
    expect(sameSpeaker('Lisle', 'Rowan Lisle Jr.')).toBe(true);
    expect(sameSpeaker('Okafor', 'Rowan Lisle Jr.')).toBe(false);
  });
});
