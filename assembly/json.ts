// JSON for plug-ins. Reading: json-read.ts reads the value led by its type,
// checking the syntax (RFC 8259 over valid UTF-8, json-scan.ts) and each
// part of the value as it goes; bad input fails the call with a message that
// says what was wrong, where, and for which type. Writing: json-write.ts,
// with json-as (its transform is enabled by the package's asconfig.json,
// through transform.js).

import { fail } from "./fail";
import { lastReadFailure, NOT_JSON_FOR, readJSON } from "./json-read";
import { typeName } from "./json-types";
export { nonFiniteProblem, stringifyJSON, writeJSON } from "./json-write";

/**
 * @internal Parses `size` bytes at `ptr` as JSON for `T`. `source` names the
 * bytes in messages ("the input", "var 'k'"...). Fails the call with
 * `<source> is not valid JSON for <T>: <reason> at byte <n>` when they are not.
 */
export function parseJSON<T>(ptr: usize, size: i32, source: string): T {
  if (size == 0) fail(emptyMessage<T>(source));
  return readJSON<T>(ptr, size, source, typeName<T>());
}

// @ts-ignore: decorator
@lazy
let parseFailure: string | null = null;

/**
 * @internal As `parseJSON`, without failing the call: when the bytes are not
 * JSON for `T`, `jsonFailure()` gives the message parseJSON would fail with,
 * and the value returned is not to be used.
 */
export function tryParseJSON<T>(ptr: usize, size: i32, source: string): T {
  if (size == 0) {
    parseFailure = emptyMessage<T>(source);
    if (isReference<T>()) return changetype<T>(0);
    return <T>0;
  }
  const value = readJSON<T>(ptr, size, source, typeName<T>(), false);
  parseFailure = lastReadFailure();
  return value;
}

/** @internal The message of the last `tryParseJSON` that failed, or null when it did not. */
export function jsonFailure(): string | null {
  return parseFailure;
}

/** The message for no bytes at all: `<source> is not valid JSON for <T>: it is empty`. */
function emptyMessage<T>(source: string): string {
  return source + NOT_JSON_FOR + typeName<T>() + ": it is empty";
}
