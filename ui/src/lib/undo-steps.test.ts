import { describe, expect, it } from 'vitest';
import { describeSteps, stepCount } from './undo-steps';

describe('what an undo or a redo says', () => {
  it('names every step it took back or made again', () => {
    const steps = [
      { action: 'delete_relay', claims: ['c1'] },
      { action: 'correct_appearance', claims: ['c1'] },
    ];
    expect(describeSteps('undo', steps)).toBe('Undone 2 steps: delete relay, correct appearance.');
    expect(describeSteps('redo', steps.slice(1))).toBe('Redone 1 step: correct appearance.');
  });

  it('takes a whole number of steps from 1, else one', () => {
    expect(stepCount('3')).toBe(3);
    expect(stepCount('0')).toBe(1);
    expect(stepCount('-2')).toBe(1);
    expect(stepCount('many')).toBe(1);
    expect(stepCount(4)).toBe(4);
  });
});
