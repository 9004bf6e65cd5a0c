// The PDK's unit tests: the test kit's kernel bridge (shipped in the package as
// extism-as-pdk/assembly/testing), and the test data helpers these tests share.
// Nothing here uses the PDK: expected values never come from the code under test.
export * from "extism-as-pdk/assembly/testing";
import { lastAbort } from "extism-as-pdk/assembly/testing";

/** `values` as a Uint8Array: expected bytes written out in a test. */
export function bytesOf(values: u8[]): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

function mix(x: u32): u32 {
  x ^= x >>> 16;
  x *= 0x7feb352d;
  x ^= x >>> 15;
  x *= 0x846ca68b;
  return x ^ (x >>> 16);
}

/**
 * `n` bytes that no shifted copy of themselves matches: within each run of
 * 254 bytes (so in any buffer up to 254 bytes) all differ, each run is
 * offset at random,
 * and no byte is 0x00 or 0xCD (the strict kernel's fill for a fresh block),
 * so a byte never written cannot pass for a written one.
 */
export function pattern(n: i32, seed: u32 = 1): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const run = <u32>i / 254;
    const v = (<u32>(i % 254) * 167 + seed * 13 + mix(run + seed)) % 254;
    // 254 values: 0x01..0xCC and 0xCE..0xFF.
    out[i] = <u8>(v < 0xcc ? v + 1 : v + 2);
  }
  return out;
}

/** Valid UTF-8 of exactly `size` bytes and the string it encodes, made without the PDK. */
export class Utf8Sample {
  constructor(public bytes: Uint8Array, public text: string) {}
}

/**
 * `size` bytes of valid UTF-8 mixing 1-, 2-, 3- and 4-byte characters (no
 * surrogate code points), encoded here by hand, with the same text as a string.
 */
export function utf8Pattern(size: i32, seed: u32 = 1): Utf8Sample {
  const bytes = new Uint8Array(size);
  const units = new Uint16Array(size);
  let b = 0;
  let u = 0;
  let x = mix(seed);
  while (b < size) {
    x = mix(x + 0x9e3779b9);
    const room = size - b;
    const len = <i32>min<u32>(<u32>room, (x & 3) + 1);
    const r = x >>> 2;
    if (len == 1) {
      const cp = 0x20 + r % 0x5f;
      bytes[b++] = <u8>cp;
      units[u++] = <u16>cp;
    } else if (len == 2) {
      const cp = 0x80 + r % 0x780;
      bytes[b++] = <u8>(0xc0 | (cp >> 6));
      bytes[b++] = <u8>(0x80 | (cp & 0x3f));
      units[u++] = <u16>cp;
    } else if (len == 3) {
      let cp = 0x800 + r % 0xf000; // 0x800..0xF7FF without the surrogates, then past them
      if (cp >= 0xd800) cp += 0x800;
      bytes[b++] = <u8>(0xe0 | (cp >> 12));
      bytes[b++] = <u8>(0x80 | ((cp >> 6) & 0x3f));
      bytes[b++] = <u8>(0x80 | (cp & 0x3f));
      units[u++] = <u16>cp;
    } else {
      const cp = 0x10000 + r % 0x100000;
      bytes[b++] = <u8>(0xf0 | (cp >> 18));
      bytes[b++] = <u8>(0x80 | ((cp >> 12) & 0x3f));
      bytes[b++] = <u8>(0x80 | ((cp >> 6) & 0x3f));
      bytes[b++] = <u8>(0x80 | (cp & 0x3f));
      const c = cp - 0x10000;
      units[u++] = <u16>(0xd800 | (c >> 10));
      units[u++] = <u16>(0xdc00 | (c & 0x3ff));
    }
  }
  return new Utf8Sample(bytes, String.UTF16.decodeUnsafe(units.dataStart, <usize>u << 1));
}

/** The first index where `actual` differs from `expected` (a length mismatch counts), or -1. */
export function firstDifference(actual: Uint8Array | null, expected: Uint8Array): i32 {
  if (actual === null) return 0;
  const n = min(actual.length, expected.length);
  for (let i = 0; i < n; i++) if (actual[i] != expected[i]) return i;
  return actual.length == expected.length ? -1 : n;
}

/** `n / 8` rounded up: the word calls a copy of `n >= 8` bytes makes. */
export function words(n: i32): i32 {
  return (n + 7) >> 3;
}

/**
 * The message of the abort that `fn` ends in. as-pect's `toThrow(label)`
 * only labels a failure (it passes whatever the message): compare the
 * text this returns instead. "(no abort)" when none was recorded.
 */
export function abortMessage(fn: () => void): string {
  expect(fn).toThrow("the call aborts");
  const message = lastAbort();
  return message === null ? "(no abort)" : message;
}
