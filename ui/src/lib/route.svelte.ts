// Which screen the window shows. A tiny router of our own: the app has a few
// screens and no URLs to share, so history is a stack kept in memory.

export type Screen =
  | { name: 'claims'; caseName?: string }
  | { name: 'cases' }
  | { name: 'claim'; claimId: string }
  | { name: 'capture' }
  | { name: 'actors' }
  | { name: 'duplicates' }
  | { name: 'sources' }
  | { name: 'case-map'; caseName: string | null }
  | { name: 'actor'; actorId: string };

class Route {
  current = $state<Screen>({ name: 'claims' });
  #back: Screen[] = [];

  go(screen: Screen) {
    this.#back.push(this.current);
    if (this.#back.length > 50) this.#back.shift();
    this.current = screen;
  }

  back() {
    this.current = this.#back.pop() ?? { name: 'claims' };
  }
}

export const route = new Route();
