import { error_get, error_set, input_length, input_offset, output_set } from "./extism";
import { hostLogLevel, logEnabled, logHandle, LogLevel } from "./log";
import { allocate, byteSize, handOver, Memory, readInput, stringBlock, writeKernel } from "./memory";
import { parseJSON, stringifyJSON } from "./json";
import { decodeUTF8, encodeUTF8 } from "./utf8";

// What Host.input() returns for an empty input: a function without input then
// costs no allocation (a 0-byte echo was 12% slower than the floor).
// @ts-ignore: decorator
@lazy const NO_INPUT = new Uint8Array(0);

// Whether Host.setError was called since `forgetError` (typed plug-in functions).
// @ts-ignore: decorator
@lazy
let errorSet = false;

/** @internal Whether `Host.setError` was called since the last `forgetError`. */
export function errorWasSet(): bool {
  return errorSet;
}

/** @internal Starts a call with no error set. */
export function forgetError(): void {
  errorSet = false;
}

/** The current call: its input, its output, its error, and the host's logger. */
export class Host {
  /**
   * The call's input, copied into a new `Uint8Array`. Without input, one
   * shared empty array (nothing to copy, nothing to allocate).
   */
  static input(): Uint8Array {
    const size = byteSize(input_length(), "Host.input");
    if (size == 0) return NO_INPUT;
    const bytes = new Uint8Array(size);
    readInput(bytes.dataStart, size);
    return bytes;
  }

  /**
   * The call's input decoded as UTF-8. Invalid UTF-8 is not an error: each
   * invalid sequence becomes U+FFFD, as in the host's own `TextDecoder`.
   */
  static inputString(): string {
    const size = byteSize(input_length(), "Host.inputString");
    if (size == 0) return "";
    const buffer = new ArrayBuffer(size);
    readInput(changetype<usize>(buffer), size);
    return decodeUTF8(changetype<usize>(buffer), size);
  }

  /**
   * The call's input parsed as JSON for `T` (a `@json` class, an array, a
   * map, a string or a number). Fails the call when the input is empty, not
   * UTF-8, not JSON, or not JSON for `T`, with a message saying which and
   * where: `the input is not valid JSON for Person: expected ',' or '}' at byte 17`.
   */
  static inputJSON<T>(): T {
    const size = byteSize(input_length(), "Host.inputJSON");
    const buffer = new ArrayBuffer(size);
    readInput(changetype<usize>(buffer), size);
    return parseJSON<T>(changetype<usize>(buffer), size, "the input");
  }

  /**
   * Sets the call's output to `value` as JSON (UTF-8). Fails the call when
   * `value` holds NaN or an infinity, which JSON cannot represent:
   * `Host.outputJSON: field "ratio" is NaN, which JSON cannot represent`.
   */
  static outputJSON<T>(value: T): void {
    Host.outputString(stringifyJSON<T>(value, "Host.outputJSON"));
  }

  /** The input block itself, without copying it (`input_offset`). */
  static inputMemory(): Memory {
    return new Memory(input_offset(), input_length());
  }

  /** Sets the call's output to a copy of `data` (honouring its `byteOffset`). */
  static output(data: Uint8Array): void {
    outputCopy(data.dataStart, data.byteLength);
  }

  /** Sets the call's output to the UTF-8 bytes of `s`. */
  static outputString(s: string): void {
    const bytes = encodeUTF8(s);
    outputCopy(changetype<usize>(bytes), bytes.byteLength);
  }

  /**
   * Sets the call's output to the block `m`, which then belongs to the host
   * (`m` is emptied). `m` must be a whole block: JS hosts return the whole
   * block whatever its length says.
   */
  static outputMemory(m: Memory): void {
    // An empty `Memory` made by hand (offset 0) still needs a block of its
    // own on JS hosts; on the Rust runtime alloc(0) is 0 again.
    if (m.offset == 0) m.offset = allocate(0);
    setOutput(m);
  }

  /**
   * Fails the call with `message`. The host reports exactly this text (JS
   * hosts prefix it with `Plugin-originated error: `). Return from the plug-in
   * function afterwards; the return code no longer matters. An empty message
   * is reported as `error` (an empty error is no error on the Rust runtime).
   */
  static setError(message: string): void {
    error_set(stringBlock(message.length == 0 ? "error" : message));
    errorSet = true;
  }

  /**
   * The error set so far in this call, or `null`. Needs a host with
   * `error_get` (JS SDK 2.x, recent Rust runtime); not JS SDK 1.0.3.
   */
  static getError(): string | null {
    const handle = error_get();
    return handle == 0 ? null : Memory.find(handle).toString();
  }

  /**
   * Logs `message` at `level` through the host's logger. Built with
   * `--use EXTISM_MODERN_HOST=1`, a message below the host's level costs one
   * host call and no allocation. An empty message is not sent (older Rust
   * runtimes fail the call on one).
   */
  // Inlined, so that a filtered-out message costs the caller one host call
  // and no stack frame of its own.
  // @ts-ignore: decorator
  @inline
  static log(level: LogLevel, message: string): void {
    if (logEnabled(level)) logString(level, message);
  }

  /**
   * Logs the block `m` at `level`; `m` then belongs to the host (it is
   * emptied). An empty block is not sent, only freed.
   */
  static logMemory(level: LogLevel, m: Memory): void {
    if (!logEnabled(level) || m.length == 0) {
      m.free();
      return;
    }
    logHandle(level, handOver(m));
  }

  /**
   * The host's log level (`LogLevel.Off` when it logs nothing). Needs
   * `get_log_level`: JS SDK 2.x and the Rust runtime, not JS SDK 1.0.3.
   */
  static logLevel(): LogLevel {
    return hostLogLevel();
  }
}

/**
 * Sends `message` to the host's logger (the part of `Host.log` after the level
 * check): its UTF-8 bytes copied into a block of exactly their size, with no
 * `Memory` object in between (the default build sends every message).
 */
function logString(level: LogLevel, message: string): void {
  if (message.length == 0) return;
  logHandle(level, stringBlock(message));
}

/**
 * Copies `size` bytes at `ptr` into a block of exactly that size and makes it
 * the output. An empty output still gets a block of its own (`alloc(0)`):
 * `output_set(0, 0)` is one NUL byte on JS hosts.
 */
function outputCopy(ptr: usize, size: i32): void {
  const handle = allocate(<u64>size);
  writeKernel(handle, ptr, size);
  output_set(handle, <u64>size);
}

/** Hands the whole block `m` to the host as the call's output. */
function setOutput(m: Memory): void {
  const size = m.length;
  output_set(handOver(m), size);
}
