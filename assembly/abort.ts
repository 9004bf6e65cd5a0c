// Handlers for the three imports AssemblyScript would otherwise take from a
// module `env` that no Extism host provides. The package's asconfig.json
// routes them here with `--use`, so a plug-in imports only `extism:host/*`.
// And the failure state that every call starts from (`beginCall`, which the
// preset's transform calls first thing in every exported plug-in function).

import { alloc, error_set, log_debug, log_error } from "./extism";
import { decimal } from "./format";
import { writeKernel } from "./memory";
import { encodeUTF8 } from "./utf8";

// @ts-ignore: decorator
@lazy
let reporting = false;
// @ts-ignore: decorator
@lazy
let failureContext: string | null = null;
// @ts-ignore: decorator
@lazy
let failureJoin: string = "";
// @ts-ignore: decorator
@lazy
let failureSubject: string = "";

/**
 * @internal Names what the plug-in was doing, for the message of an abort
 * that happens meanwhile (deep inside json-as, say): `context + join +
 * subject`, joined only if it comes to that (no allocation on the way in).
 * `null` clears it.
 */
export function setFailureContext(context: string | null, join: string = "", subject: string = ""): void {
  failureContext = context;
  failureJoin = join;
  failureSubject = subject;
}

/**
 * @internal Starts a call clean, whatever the last call left behind: a trap
 * that does not pass through `abort` (an out-of-bounds memory access, a host
 * function that throws, `unreachable()`) skips the epilogues of its frames and
 * whatever would have cleared the failure context. So: the whole shadow stack
 * free, no failure context, no report in progress. The transform's export
 * wrappers (transform/exports.js) call it before the plug-in function, as the
 * call's outermost frame; it has no frame itself. Never call it from a
 * plug-in's own code: it drops the caller's frames.
 */
export function beginCall(): void {
  __stack_pointer = __heap_base;
  failureContext = null;
  failureJoin = "";
  failureSubject = "";
  reporting = false;
  // The minimal build (asconfig.minimal.json: the stub runtime, which never
  // frees): every call starts from the heap as start-up left it.
  if (ASC_RUNTIME == 0) rewindHeap();
}

/**
 * The heap's top when the first call began: what start-up (every file's
 * top-level code) allocated lies below it and stays; 0 until then.
 */
// @ts-ignore: decorator
@lazy
let heapMark: usize = 0;

/**
 * The minimal build's heap reset: frees everything the last call allocated
 * (the stub runtime's bump allocator goes back to `heapMark`), so that a
 * plug-in that never frees uses the same memory on every call. The
 * functions it calls are the transform's (transform/minimal.js).
 */
function rewindHeap(): void {
  // @ts-ignore: defined by the package's transform in the stub runtime
  if (heapMark == 0) heapMark = __extism_heap_top();
  // @ts-ignore: defined by the package's transform in the stub runtime
  else __extism_heap_rewind(heapMark);
}

/**
 * Replaces AssemblyScript's `abort` (every failed `assert`, `throw`,
 * out-of-bounds access, failed allocation, shadow stack overflow): the
 * message, file, line and column become the call's error (on hosts that keep
 * an error across a trap: the Rust runtime) and a `log_error` line (on every
 * host), then the call traps.
 *
 * It has no shadow-stack frame of its own, so it also runs when the shadow
 * stack is exhausted: the stack check in every function's prologue calls it
 * then, and a frame here would fail that check again, recursively, until the
 * engine's own stack ran out. The call is over either way, so the report
 * starts from an empty shadow stack (it would not get a frame near the
 * stack's end); `report` roots the two strings again before it allocates.
 */
export function abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  if (reporting) {
    // The report itself failed (out of memory, most likely): just trap.
    reporting = false;
    unwind();
  }
  reporting = true;
  // Called by the stack check of a function's prologue, which has already
  // moved the stack pointer below the stack (`__data_end`), asc 0.28 passes
  // strings it never wrote to memory (addresses past `__heap_base`): never
  // read them, nor root them (the collector would follow them).
  const overflow = __stack_pointer < __data_end;
  __stack_pointer = __heap_base;
  if (overflow) report(0, 0, 0, 0, true);
  report(changetype<usize>(message), changetype<usize>(fileName), line, column, false);
}

/**
 * `abort`'s report, the part with a frame: `messagePtr` and `fileNamePtr` are
 * the addresses of `abort`'s strings (0 for null; both 0 for a stack
 * `overflow`). Sets the error, logs it, traps.
 */
function report(messagePtr: usize, fileNamePtr: usize, line: u32, column: u32, overflow: bool): void {
  // (Null checks on the addresses: a string's `=== null` is a call to String.__eq.)
  let text: string;
  if (overflow) {
    const stack = decimal(__heap_base - __data_end);
    text = "stack overflow (recursion too deep for the shadow stack's " + stack + " bytes; asc's --stackSize sets its size)";
  }
  else text = messagePtr == 0 ? "abort" : changetype<string>(messagePtr);
  const context = changetype<usize>(failureContext);
  if (context != 0) {
    text = changetype<string>(context) + failureJoin + failureSubject + ": " + text;
    failureContext = null;
  }
  // Where the PDK itself fails on purpose, its message says it all.
  const fileName = changetype<string>(fileNamePtr);
  if (fileNamePtr != 0 && !fileName.startsWith("~lib/extism-as-pdk/")) {
    text += " (at " + fileName + ":" + decimal(line) + ":" + decimal(column) + ")";
  }
  // Two blocks: the host owns each one it is handed. When the kernel has no
  // room left even for the message (a host memory limit), neither is sent:
  // handle 0 would report a NUL byte as the error; the bare trap says more.
  const error = kernelString(text);
  if (error != 0) {
    error_set(error);
    const line = kernelString(text);
    if (line != 0) log_error(line);
  }
  reporting = false;
  unwind();
}

/**
 * Traps, first giving back the shadow stack of every frame the trap abandons.
 * A trap skips their epilogues, so without this each failed call would leak
 * its frames: JS hosts keep the instance after a trap, and after a few
 * hundred failed calls every call would fail with a stack overflow (the GC
 * would meanwhile scan stale slots as roots). Nothing of the call survives the
 * trap, so the whole shadow stack is free again.
 */
// @ts-ignore: decorator
@inline
function unwind(): void {
  __stack_pointer = __heap_base;
  unreachable();
}

/** Replaces AssemblyScript's `trace`: the message and its numbers go to `log_debug`. */
export function trace(message: string, n: i32 = 0, a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0, a4: f64 = 0): void {
  let text = "trace: " + message;
  if (n > 0) text += " " + a0.toString();
  if (n > 1) text += ", " + a1.toString();
  if (n > 2) text += ", " + a2.toString();
  if (n > 3) text += ", " + a3.toString();
  if (n > 4) text += ", " + a4.toString();
  const line = kernelString(text);
  if (line != 0) log_debug(line);
}

/**
 * Replaces AssemblyScript's `seed` (for `Math.random`). The Extism ABI has no
 * source of entropy, so the seed is fixed: `Math.random` is deterministic.
 * Take randomness from a host function where it matters.
 */
export function seed(): f64 {
  return 0x5eed;
}

/** A kernel block holding `s` as UTF-8, without the PDK's failure path (which would recurse). */
function kernelString(s: string): u64 {
  const bytes = encodeUTF8(s);
  const size = bytes.byteLength;
  const handle = alloc(<u64>size);
  if (handle != 0) writeKernel(handle, changetype<usize>(bytes), size);
  return handle;
}
