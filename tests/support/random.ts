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

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }

  /**
   * A payload length: around a multiple of 8 (8k-1, 8k, 8k+1) half the time,
   * uniform up to `max` otherwise.
   */
  length(max: number): number {
    if (this.below(2) === 0) {
      const k = this.below(Math.floor(max / 8) + 1);
      return Math.max(0, Math.min(max, 8 * k + this.below(3) - 1));
    }
    return this.below(max + 1);
  }
}

/** The seed from FUZZ_SEED, or `fallback`. */
export function seedFromEnv(fallback: number): number {
  const env = process.env.FUZZ_SEED;
  return env === undefined || env === "" ? fallback : Number(env) >>> 0;
}

/** `bytes` as hex, cut to `max` bytes. */
export function hex(bytes: Uint8Array, max = 64): string {
  const shown = Buffer.from(bytes.subarray(0, max)).toString("hex");
  return bytes.length > max ? `${shown}… (${bytes.length} bytes)` : shown;
}
