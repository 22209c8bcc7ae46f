import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, isFiltered, toListFilter } from './list-filter';

describe('toListFilter', () => {
  it('sends blanks as null so the core reads them as "any"', () => {
    const f = toListFilter({ ...EMPTY_FILTER, search: '  ', actor: ' ' });
    expect(f.search).toBeNull();
    expect(f.actor).toBeNull();
    expect(f.disputed).toBeNull();
    expect(f.before).toBeNull();
  });
  it('carries the keyset cursor and the filters', () => {
    const f = toListFilter({ ...EMPTY_FILTER, search: 'Luhansk', status: 'contested', disputed: 'yes' }, 42);
    expect(f).toMatchObject({ search: 'Luhansk', status: 'contested', disputed: true, before: 42 });
  });
  it('knows when nothing is filtered', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, disputed: 'no' })).toBe(true);
  });
});
