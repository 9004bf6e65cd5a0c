/** A small seeded PRNG (mulberry32): the same seed gives the same payloads on every machine. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform integer in [0, 2^32). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }

  /** One of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** `n` uniform random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }

  /**
   * A payload length in [0, max]: half the time next to a multiple of 8
   * (8k-1, 8k or 8k+1, where word copies end), otherwise uniform.
   */
  length(max: number): number {
    if (this.below(2) === 0) {
      const k = this.below(Math.floor(max / 8) + 1);
      return Math.max(0, Math.min(max, 8 * k + this.below(3) - 1));
    }
    return this.below(max + 1);
  }
}

/** The seed from the environment variable FUZZ_SEED (decimal or 0x hex), or `fallback`. */
export function seedFromEnv(fallback: number): number {
  const env = process.env.FUZZ_SEED;
  if (env === undefined || env.trim() === "") return fallback;
  const seed = Number(env.trim());
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`FUZZ_SEED must be an integer in [0, 2^32): ${JSON.stringify(env)}`);
  return seed;
}

/** `bytes` as hex, cut to `max` bytes (the full length is then given). */
export function hex(bytes: Uint8Array, max = 64): string {
  const shown = Buffer.from(bytes.subarray(0, max)).toString("hex");
  return bytes.length > max ? `${shown}… (${bytes.length} bytes)` : shown;
}
