// The `test:kernel` control imports: how a unit test drives the strict
// kernel stand-in (tests/support/strict-kernel.ts) that stands in for the
// host. Wired up in as-pect.config.ts.

@external("test:kernel", "begin")
declare function kernelBegin(input: ArrayBuffer): void;
@external("test:kernel", "setConfig")
export declare function setConfig(key: string, value: string): void;
/** The host's log level: 0 trace .. 4 error, -1 off. */
@external("test:kernel", "setLogLevel")
export declare function setLogLevel(level: i32): void;
@external("test:kernel", "setMaxVarBytes")
export declare function setMaxVarBytes(n: i32): void;
@external("test:kernel", "output")
declare function kernelOutput(): ArrayBuffer | null;
/** The error set in this call, or null. */
@external("test:kernel", "error")
export declare function kernelError(): string | null;
/** How many times import `name` was called since `begin`/`resetCalls`. */
@external("test:kernel", "calls")
export declare function calls(name: string): i32;
@external("test:kernel", "resetCalls")
export declare function resetCalls(): void;
@external("test:kernel", "logCount")
export declare function logCount(): i32;
@external("test:kernel", "logLevelAt")
export declare function logLevelAt(i: i32): i32;
@external("test:kernel", "logTextAt")
export declare function logTextAt(i: i32): string | null;
/** Live kernel blocks (the input's included). */
@external("test:kernel", "liveBlocks")
export declare function liveBlocks(): i32;
/** ABI violations seen so far (each one also traps the offending call). */
@external("test:kernel", "violations")
export declare function violations(): i32;
@external("test:kernel", "varBytes")
declare function kernelVarBytes(key: string): ArrayBuffer | null;
@external("test:kernel", "storeBlock")
declare function kernelStoreBlock(data: ArrayBuffer): u64;

/** Starts a call with `input` (kernel memory reset, as on the Rust runtime). */
export function begin(input: Uint8Array = new Uint8Array(0)): void {
  kernelBegin(input.slice().buffer);
}

export function beginString(input: string): void {
  kernelBegin(String.UTF8.encode(input));
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

/** `n` bytes that differ from any shifted copy of themselves. */
export function pattern(n: i32, seed: u32 = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x: u32 = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = x * 1103515245 + 12345;
    out[i] = <u8>((x >>> 16) ^ <u32>i);
  }
  return out;
}

export function bytesEqual(a: Uint8Array | null, b: Uint8Array): bool {
  if (a === null || a.length != b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] != b[i]) return false;
  return true;
}
