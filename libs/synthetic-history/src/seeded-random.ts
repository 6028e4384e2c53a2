/**
 * A small seeded pseudo-random source (sfc32, seeded through cyrb128), written here so that a seed
 * gives the same history on every machine and Node version: Math.random and crypto cannot be seeded.
 * Not for secrets: it only has to be fast, well mixed and repeatable.
 */
export type Seed = number | string;

export interface Weighted<T> {
  value: T;
  weight: number;
}

/** Tables are constants or built once: their totals are worked out once. */
const totals = new WeakMap<readonly Weighted<unknown>[], number>();

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** cyrb128: four 32-bit words from a string, so that nearby seeds ("1", "2") start far apart. */
const seedWords = (seed: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i += 1) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
};

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Seed) {
    [this.a, this.b, this.c, this.d] = seedWords(String(seed));
    // The first outputs of sfc32 still echo the seed: discard them.
    for (let i = 0; i < 15; i += 1) this.nextUint32();
  }

  /** Another independent stream from this seed, for work whose order must not shift the main stream. */
  static derived(seed: Seed, purpose: string): SeededRandom {
    return new SeededRandom(`${String(seed)}\u0000${purpose}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  weighted<T>(table: readonly Weighted<T>[]): T {
    let total = totals.get(table);
    if (total === undefined) {
      total = 0;
      for (const entry of table) total += entry.weight;
      totals.set(table, total);
    }
    let roll = this.next() * total;
    for (const entry of table) {
      roll -= entry.weight;
      if (roll < 0) return entry.value;
    }
    return table[table.length - 1].value;
  }

  /** Exponentially distributed, with the given mean (waiting times between arrivals). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** `count` distinct values of `values`, in random order (a partial Fisher-Yates shuffle). */
  sample<T>(values: readonly T[], count: number): T[] {
    const copy = [...values];
    const taken = Math.min(count, copy.length);
    for (let i = 0; i < taken; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, taken);
  }

  bytes(length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i += 4) {
      const word = this.nextUint32();
      for (let j = 0; j < 4 && i + j < length; j += 1) buffer[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return buffer;
  }

  /** A valid version 4 (random) UUID drawn from this stream, so the same seed gives the same ids. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = this.nextUint32();
    const w2 = this.nextUint32();
    const w3 = this.nextUint32();
    const b = (word: number, shift: number) => HEX[(word >>> shift) & 0xff];
    const version = HEX[0x40 | ((w1 >>> 8) & 0x0f)];
    const variant = HEX[0x80 | ((w2 >>> 24) & 0x3f)];
    return (
      `${b(w0, 24)}${b(w0, 16)}${b(w0, 8)}${b(w0, 0)}-${b(w1, 24)}${b(w1, 16)}-${version}${b(w1, 0)}-` +
      `${variant}${b(w2, 16)}-${b(w2, 8)}${b(w2, 0)}${b(w3, 24)}${b(w3, 16)}${b(w3, 8)}${b(w3, 0)}`
    );
  }
}
