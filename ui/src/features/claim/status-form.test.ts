import { describe, expect, it } from 'vitest';
import { checkStatusForm, evidenceLinks } from './status-form';

const base = { status: 'contested' as const, reason: 'Maps show fighting', evidence: '', author: 'ana' };

describe('checkStatusForm', () => {
  it('requires a reason', () => {
    const c = checkStatusForm({ ...base, reason: '   ' });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems.reason).toMatch(/required/);
  });
  it('refuses evidence that is not an http(s) link', () => {
    const c = checkStatusForm({ ...base, evidence: 'https://isw.example/map\njavascript:alert(1)' });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems.evidence).toContain('javascript:alert(1)');
  });
  it('builds the request with trimmed text and one link per line', () => {
    const c = checkStatusForm({ ...base, reason: ' Maps show fighting ', evidence: 'https://a.example/1\n\n http://b.example/2 ' });
    expect(c).toEqual({
      ok: true,
      request: { status: 'contested', reason: 'Maps show fighting', evidence: ['https://a.example/1', 'http://b.example/2'], author: 'ana' },
    });
  });
  it('splits links on any whitespace', () => {
    expect(evidenceLinks('https://a.example https://b.example')).toHaveLength(2);
  });
});
