// The name the window records changes under: the one last typed in the claim
// page's "Your name", kept on this machine.
export const AUTHOR_KEY = 'claimtrail.author';

export function author(): string {
  return localStorage.getItem(AUTHOR_KEY)?.trim() || 'checker';
}
