import { describe, expect, it } from 'vitest';
import { actionFor, hasUnsavedInput } from './shortcuts';

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
  it('leaves single keys alone while a form holds unsaved text, and keeps the palette and Esc', () => {
    expect(actionFor(key('a'), false, true)).toBeNull();
    expect(actionFor(key('n'), false, true)).toBeNull();
    expect(actionFor(key('k', { ctrlKey: true }), false, true)).toBe('palette');
    expect(actionFor(key('Escape'), false, true)).toBe('back');
  });
});

describe('hasUnsavedInput', () => {
  const field = (tagName: string, type: string, value: string) => ({
    tagName, type, value, readOnly: false, disabled: false,
  });
  const root = (...fields: ReturnType<typeof field>[]) => ({ querySelectorAll: () => fields });
  const typed = () => true;
  it('sees text typed in a field or a text area, not a search box, a checkbox or blank text', () => {
    expect(hasUnsavedInput(root(field('INPUT', 'search', 'luhansk')), typed)).toBe(false);
    expect(hasUnsavedInput(root(field('INPUT', 'checkbox', 'on')), typed)).toBe(false);
    expect(hasUnsavedInput(root(field('TEXTAREA', 'textarea', '   ')), typed)).toBe(false);
    expect(hasUnsavedInput(root(field('INPUT', 'search', 'x'), field('TEXTAREA', 'textarea', 'Two maps disagree')), typed)).toBe(true);
    expect(hasUnsavedInput(root({ ...field('INPUT', 'text', 'x'), readOnly: true }), typed)).toBe(false);
    expect(hasUnsavedInput(null, typed)).toBe(false);
  });
  it('leaves out a value the app filled in: only fields typed into count', () => {
    const filled = field('INPUT', 'text', 'checker');
    const reason = field('TEXTAREA', 'textarea', 'Two maps disagree');
    expect(hasUnsavedInput(root(filled), (f) => f === reason)).toBe(false);
    expect(hasUnsavedInput(root(filled, reason), (f) => f === reason)).toBe(true);
  });
});
