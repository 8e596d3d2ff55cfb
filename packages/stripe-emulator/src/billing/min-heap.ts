/** A binary min-heap of scheduled work, ordered by time then insertion. */
export class MinHeap<T> {
  readonly #items: { at: number; seq: number; value: T }[] = [];
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  push(at: number, value: T): void {
    const items = this.#items;
    items.push({ at, seq: this.#seq++, value });
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#less(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  peekTime(): number | undefined {
    return this.#items[0]?.at;
  }

  pop(): { at: number; value: T } | undefined {
    const items = this.#items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && this.#less(left, smallest)) smallest = left;
        if (right < items.length && this.#less(right, smallest)) smallest = right;
        if (smallest === index) break;
        this.#swap(index, smallest);
        index = smallest;
      }
    }
    return { at: top.at, value: top.value };
  }

  #less(a: number, b: number): boolean {
    const x = this.#items[a];
    const y = this.#items[b];
    if (!x || !y) return false;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    const x = items[a];
    const y = items[b];
    if (!x || !y) return;
    items[a] = y;
    items[b] = x;
  }
}
