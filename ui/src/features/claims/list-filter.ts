// The filter bar as the core's ListFilter: blank fields mean "any".
import type { ListFilter, Status } from '../../lib/ipc/bindings';

export interface FilterForm {
  search: string;
  status: Status | '';
  disputed: 'any' | 'yes' | 'no';
  actor: string;
  case: string;
  since: string;
  until: string;
}

export const EMPTY_FILTER: FilterForm = {
  search: '',
  status: '',
  disputed: 'any',
  actor: '',
  case: '',
  since: '',
  until: '',
};

export const PAGE_SIZE = 200;

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

export function toListFilter(form: FilterForm, before: number | null = null): ListFilter {
  return {
    search: blank(form.search),
    status: form.status === '' ? null : form.status,
    disputed: form.disputed === 'any' ? null : form.disputed === 'yes',
    actor: blank(form.actor),
    case: blank(form.case),
    since: blank(form.since),
    until: blank(form.until),
    before,
    limit: PAGE_SIZE,
  };
}

export function isFiltered(form: FilterForm): boolean {
  return JSON.stringify(toListFilter(form)) !== JSON.stringify(toListFilter(EMPTY_FILTER));
}
