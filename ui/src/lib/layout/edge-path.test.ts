import { describe, expect, it } from 'vitest';
import { edgePath } from './edge-path';

const box = { width: 100, height: 40, pad: 10, loopDip: 30 };

describe('edgePath', () => {
  it('runs from the right side of the upstream node to the left side of the next', () => {
    expect(edgePath({ x: 0, y: 0, layer: 0 }, { x: 200, y: 60, layer: 1 }, box, false)).toBe(
      'M 110 30 C 157 30, 157 90, 204 90',
    );
  });
  it('routes a loop below both nodes, from bottom centre to bottom centre', () => {
    expect(edgePath({ x: 200, y: 60, layer: 1 }, { x: 0, y: 0, layer: 0 }, box, true)).toBe(
      'M 260 110 C 260 140, 60 140, 60 50',
    );
  });
});
