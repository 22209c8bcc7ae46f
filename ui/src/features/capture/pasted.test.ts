import { describe, expect, it } from 'vitest';
import { carriesText, fromText, fromTransfer, fromUriList, isWebAddress, type Transfer } from './pasted';

const transfer = (data: Record<string, string>): Transfer => ({
  types: Object.keys(data),
  getData: (format) => data[format] ?? '',
});

describe('pasted or dropped material', () => {
  it('takes a lone http(s) address as the page to capture, whitespace around it ignored', () => {
    expect(fromText('  https://news.example/story?utm_source=x \n')).toEqual({
      link: { url: 'https://news.example/story?utm_source=x', text: null },
    });
    expect(fromText('http://127.0.0.1:8080/a')).toEqual({ link: { url: 'http://127.0.0.1:8080/a', text: null } });
  });

  it('refuses a lone address of another scheme instead of fetching it or calling it text', () => {
    expect(fromText('javascript:alert(document.cookie)')).toEqual({
      refused: 'Only http and https pages can be captured; a javascript: address was not taken.',
    });
    expect(fromText('file:///etc/passwd')).toHaveProperty('refused');
    expect(fromText('data:text/html,<b>x</b>')).toHaveProperty('refused');
    expect(isWebAddress('https://')).toBe(false);
    expect(isWebAddress('HTTPS://News.Example/x')).toBe(true);
  });

  it('keeps anything else as article text, exactly as it came', () => {
    const article = '“The region is 100 per cent liberated,” the governor said.\n\nSee https://news.example/story';
    expect(fromText(article)).toEqual({ link: { url: null, text: article } });
    expect(fromText('Ushakov: yes')).toEqual({ link: { url: null, text: 'Ushakov: yes' } });
    expect(fromText('news.example/story')).toEqual({ link: { url: null, text: 'news.example/story' } });
    expect(fromText('   \n\t ')).toBeNull();
  });

  it('reads a uri-list: comments skipped, CRLF or LF, the first web address taken', () => {
    const list = '# dragged from the browser\r\nfile:///tmp/x.html\r\nhttps://news.example/a\r\nhttps://news.example/b\r\n';
    expect(fromUriList(list)).toEqual({ link: { url: 'https://news.example/a', text: null } });
    expect(fromUriList('#only a comment\n')).toBeNull();
    expect(fromUriList('# c\nfile:///etc/passwd\n')).toHaveProperty('refused');
  });

  it('prefers the dragged link over its plain text, and falls back to the text', () => {
    expect(
      fromTransfer(transfer({ 'text/uri-list': 'https://news.example/a', 'text/plain': 'Link title' })),
    ).toEqual({ link: { url: 'https://news.example/a', text: null } });
    expect(fromTransfer(transfer({ 'text/uri-list': '# nothing\n', 'text/plain': 'A selected quote.' }))).toEqual({
      link: { url: null, text: 'A selected quote.' },
    });
    expect(fromTransfer(transfer({ 'text/plain': 'https://news.example/b' }))).toEqual({
      link: { url: 'https://news.example/b', text: null },
    });
    expect(fromTransfer(transfer({ Files: '' }))).toBeNull();
    expect(fromTransfer(null)).toBeNull();
  });

  it('accepts a drag only when it carries text or a link', () => {
    expect(carriesText(transfer({ 'text/plain': 'x' }))).toBe(true);
    expect(carriesText(transfer({ 'text/uri-list': 'https://a.example' }))).toBe(true);
    expect(carriesText(transfer({ Files: '' }))).toBe(false);
    expect(carriesText(undefined)).toBe(false);
  });
});
