// Seeded randomness and the skewed distributions that make generated data look lived-in: a few
// writers, tags and stories get most of the attention (Zipf), most get a little.

/** A small, fast seeded generator (mulberry32), so two seeds of one scale hold the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = () => number

export function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** Fisher–Yates in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1))
    const swap = items[i] as T
    items[i] = items[j] as T
    items[j] = swap
  }
  return items
}

/**
 * Draws indexes 0..n-1 with probability ∝ 1/(rank+1)^s. Ranks go through a shuffled permutation,
 * so popularity does not follow insertion order (the newest stories are not the most clapped).
 */
export function zipf(random: Random, n: number, s: number): { draw: () => number; weight: (index: number) => number } {
  const cdf = new Float64Array(n)
  let sum = 0
  for (let rank = 0; rank < n; rank += 1) {
    sum += 1 / Math.pow(rank + 1, s)
    cdf[rank] = sum
  }
  const order = shuffle(random, Array.from({ length: n }, (_, i) => i))
  const rankOf = new Int32Array(n)
  order.forEach((index, rank) => { rankOf[index] = rank })
  return {
    draw() {
      const target = random() * sum
      let lo = 0
      let hi = n - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((cdf[mid] as number) < target) lo = mid + 1
        else hi = mid
      }
      return order[lo] as number
    },
    weight: (index) => 1 / Math.pow((rankOf[index] as number) + 1, s) / sum,
  }
}

/** A log-normal draw: story lengths have a long tail of long reads. */
export function logNormal(random: Random, median: number, sigma: number): number {
  // Box–Muller; 1 - random() avoids log(0).
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  return median * Math.exp(sigma * normal)
}
