import { describe, expect, it } from 'vitest';
import { exportName } from './export-image';

describe('exportName', () => {
  it('is a plain file name the shell accepts', () => {
    expect(exportName('0193a1b2-c3d4-7e5f-8000-000000000000', 'svg')).toBe('claimtrail-chain-0193a1b2-c3d4.svg');
    expect(exportName('../../etc', 'png')).toMatch(/^claimtrail-chain-[0-9a-f-]*\.png$/);
  });
});
