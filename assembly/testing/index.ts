// The test kit's AssemblyScript side: how an as-pect spec drives and inspects
// the strict kernel that stands in for the host (src/testing/strict-kernel.ts),
// through the `test:kernel` imports of the bridge (src/testing/aspect.ts).
//
//   import { begin, output, kernelError } from "extism-as-pdk/assembly/testing";
//
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
/**
 * The live blocks a call may not leave behind, as `"3 bytes@0x1000000a0, ..."`:
 * every one but the input's, the output's and the error's; "" when none.
 * `expect(leftBlocks()).toBe("")` at the end of a call's work (on its
 * failure path too) catches a leak.
 */
@external("test:kernel", "leftBlocks")
export declare function leftBlocks(): string;
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

@external("test:kernel", "setVar")
declare function kernelSetVar(key: string, value: ArrayBuffer): void;
/** Sets var `key` on the host, as an earlier call would have. */
export function setVar(key: string, value: string): void {
  kernelSetVar(key, String.UTF8.encode(value));
}

@external("test:kernel", "respondHttp")
declare function kernelRespondHttp(status: i32, body: ArrayBuffer, headers: string | null): void;
/**
 * Answers every HTTP request from now on with `status`, `body` and the
 * response headers `headers` (a JSON object of strings, as `http_headers`
 * returns it; null for none). Until then, every request is refused, as by a
 * host that allows none.
 */
export function respondHttp(status: i32, body: string, headers: string | null = null): void {
  kernelRespondHttp(status, String.UTF8.encode(body), headers);
}

/** As `respondHttp`, with a body of any bytes. */
export function respondHttpBytes(status: i32, body: Uint8Array, headers: string | null = null): void {
  kernelRespondHttp(status, body.slice().buffer, headers);
}

/** The last HTTP request answered, as JSON `{"url","method","headers","body"}`, or null. */
@external("test:kernel", "lastHttpRequest")
export declare function lastHttpRequest(): string | null;

/** The request JSON of the last `http_request`, exactly as the plug-in sent it (escapes and order as written), or null. */
@external("test:kernel", "lastHttpRequestJSON")
export declare function lastHttpRequestJSON(): string | null;

@external("test:kernel", "lastHttpRequestBody")
declare function kernelLastHttpRequestBody(): ArrayBuffer | null;
/** The body bytes of the last HTTP request answered, or null (none, or no request). */
export function lastHttpRequestBody(): Uint8Array | null {
  const b = kernelLastHttpRequestBody();
  return b === null ? null : Uint8Array.wrap(b);
}
