import { describe, expect, it } from 'vitest';
import { actionFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods,
});

describe('actionFor', () => {
  it('opens the palette with Ctrl+K or Cmd+K, even while typing', () => {
    expect(actionFor(key('k', { ctrlKey: true }), true)).toBe('palette');
    expect(actionFor(key('K', { metaKey: true }), false)).toBe('palette');
  });
  it('leaves letters alone while typing in a field', () => {
    expect(actionFor(key('n'), true)).toBeNull();
    expect(actionFor(key('?'), true)).toBeNull();
  });
  it('captures from the clipboard with Ctrl/Cmd(+Shift)+V outside a text field, and pastes inside one', () => {
    expect(actionFor(key('V', { ctrlKey: true }), false)).toBe('clipboard');
    expect(actionFor(key('v', { metaKey: true }), false)).toBe('clipboard');
    expect(actionFor(key('V', { ctrlKey: true }), true)).toBeNull();
    expect(actionFor(key('v', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(actionFor(key('v'), false)).toBeNull();
  });
  it('undoes the last action with Ctrl/Cmd+Z outside a text field, and leaves typing undo to the field', () => {
    expect(actionFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(actionFor(key('Z', { metaKey: true }), false)).toBe('undo');
    expect(actionFor(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(actionFor(key('z'), false)).toBeNull();
  });
  it('redoes with Ctrl/Cmd+Shift+Z outside a text field', () => {
    expect(actionFor({ ...key('Z', { ctrlKey: true }), shiftKey: true }, false)).toBe('redo');
    expect(actionFor({ ...key('z', { metaKey: true }), shiftKey: true }, false)).toBe('redo');
    expect(actionFor({ ...key('Z', { ctrlKey: true }), shiftKey: true }, true)).toBeNull();
  });
  it('maps single keys when not typing', () => {
    expect(actionFor(key('n'), false)).toBe('capture');
    expect(actionFor(key('?'), false)).toBe('sheet');
    expect(actionFor(key('/'), false)).toBe('search');
  });
});
