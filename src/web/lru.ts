// A small least-recently-used map: rendered pages and fragments are kept in memory, bounded so
// a site with many stories cannot grow the process without limit.
export class Lru<V> {
  #entries = new Map<string, V>()
  #max: number

  constructor(max: number) {
    this.#max = max
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value === undefined) return undefined
    this.#entries.delete(key)
    this.#entries.set(key, value)
    return value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string)
  }
}
