// How a unit test drives and inspects the strict kernel that stands in for
// the host (tests/support/strict-kernel.ts), through the `test:kernel`
// imports of tests/support/aspect-kernel.ts, and the test data helpers.
// Nothing here uses the PDK: expected values never come from the code under test.

@external("test:kernel", "begin")
declare function kernelBegin(input: ArrayBuffer): void;
/** Sets config `key` on the host (it keeps it for the rest of the spec file). */
@external("test:kernel", "setConfig")
export declare function setConfig(key: string, value: string): void;
/** The host's log level: 0 trace .. 4 error; any other value turns logging off. */
@external("test:kernel", "setLogLevel")
export declare function setLogLevel(level: i32): void;
/** The host's cap on the total size of vars, in bytes. */
@external("test:kernel", "setMaxVarBytes")
export declare function setMaxVarBytes(n: i32): void;
/**
 * `var_get` as on JS SDK 1.0.3 (the var's own block, the same handle for each
 * read of a key in a call; freeing it or storing into it is a violation), or
 * as on the Rust runtime (a fresh copy per read, the default).
 */
@external("test:kernel", "setSharedVarBlocks")
export declare function setSharedVarBlocks(on: bool): void;
/** Removes every var on the host side. */
@external("test:kernel", "clearVars")
export declare function clearVars(): void;
@external("test:kernel", "output")
declare function kernelOutput(): ArrayBuffer | null;
/** The error set in this call (by the plug-in or by the host), or null. */
@external("test:kernel", "error")
export declare function kernelError(): string | null;
/** How many times import `name` was called since `begin`/`resetCalls`. */
@external("test:kernel", "calls")
export declare function calls(name: string): i32;
/** Every import called since `begin`/`resetCalls`, as `name=count` sorted by name: `"alloc=1 output_set=1"`. */
@external("test:kernel", "callSummary")
export declare function callSummary(): string;
/** Forgets the calls counted so far (`begin` does too). */
@external("test:kernel", "resetCalls")
export declare function resetCalls(): void;
/** Log lines the host kept in this call (those at or above its level). */
@external("test:kernel", "logCount")
export declare function logCount(): i32;
/** The level (0 trace .. 4 error) of log line `i`. */
@external("test:kernel", "logLevelAt")
export declare function logLevelAt(i: i32): i32;
/** The text of log line `i`. */
@external("test:kernel", "logTextAt")
export declare function logTextAt(i: i32): string | null;
/** Live kernel blocks (the input's included). */
@external("test:kernel", "liveBlocks")
export declare function liveBlocks(): i32;
/** The first ABI violation in this spec file, or null (each one also traps the offending call). */
@external("test:kernel", "firstViolation")
export declare function firstViolation(): string | null;
@external("test:kernel", "varBytes")
declare function kernelVarBytes(key: string): ArrayBuffer | null;
@external("test:kernel", "storeBlock")
declare function kernelStoreBlock(data: ArrayBuffer): u64;
@external("test:kernel", "blockBytes")
declare function kernelBlockBytes(handle: u64): ArrayBuffer | null;
@external("test:kernel", "imports")
declare function kernelImports(name: string): i32;
/**
 * The message of the last abort (a failed `throw` or `assert`), or null: the
 * message the PDK's abort handler would make the call's error.
 */
@external("test:kernel", "lastAbort")
export declare function lastAbort(): string | null;
/** Makes the next `n` non-empty `alloc` calls return 0, as an out-of-memory kernel does. */
@external("test:kernel", "refuseAllocs")
export declare function refuseAllocs(n: i32): void;

/** Starts a call with `input` (kernel memory reset, call counts cleared, as on the Rust runtime). */
export function begin(input: Uint8Array = new Uint8Array(0)): void {
  kernelBegin(input.slice().buffer);
}

/** The output set in this call, or null when none was set. */
export function output(): Uint8Array | null {
  const out = kernelOutput();
  return out === null ? null : Uint8Array.wrap(out);
}

/** The value of var `key` as the host holds it, or null. */
export function varBytes(key: string): Uint8Array | null {
  const v = kernelVarBytes(key);
  return v === null ? null : Uint8Array.wrap(v);
}

/** A block the host made (as a host function's result would be). */
export function storeBlock(data: Uint8Array): u64 {
  return kernelStoreBlock(data.slice().buffer);
}

/** The bytes of live block `handle` as the kernel holds them, or null when it is not a live block. */
export function blockBytes(handle: u64): Uint8Array | null {
  const b = kernelBlockBytes(handle);
  return b === null ? null : Uint8Array.wrap(b);
}

/** Whether this test binary imports `extism:host/env` `name` (a host lacking it could not load it). */
export function importsHost(name: string): bool {
  return kernelImports(name) != 0;
}

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
