// JSON for plug-ins, with json-as (its transform is enabled by the package's
// asconfig.json, through transform.js). json-as alone turns some bad input
// into garbage values, a bare trap or "Incomplete or unterminated JSON
// value"; here every parse is first checked (json-check.ts: UTF-8, RFC 8259
// syntax, then the shape of T) so that bad input fails the call with a
// message that says what was wrong, where, and for which type.

import { JSON } from "json-as";
import { setFailureContext } from "./abort";
import { checkShape, checkSyntax, firstInvalidUTF8 } from "./json-check";
import { decodeUTF8, encodeUTF8 } from "./utf8";

/**
 * @internal Parses `size` bytes at `ptr` as JSON for `T`. `source` names the
 * bytes in messages ("the input", "var 'k'"...). Fails the call with
 * `<source> is not valid JSON for <T>: <reason> at byte <n>` when they are not.
 */
export function parseJSON<T>(ptr: usize, size: i32, source: string): T {
  const what = source + " is not valid JSON for " + nameof<T>();
  if (size == 0) throw new Error(what + ": it is empty");
  const badUtf8 = firstInvalidUTF8(ptr, size);
  if (badUtf8 >= 0) throw new Error(what + ": invalid UTF-8 at byte " + badUtf8.toString());
  const syntax = checkSyntax(ptr, size);
  if (syntax !== null) throw new Error(what + ": " + syntax);
  // The shape of T, from the JSON of a default T: field names and kinds.
  const shape = encodeUTF8(JSON.stringify<T>(defaultOf<T>()));
  const mismatch = checkShape(changetype<usize>(shape), shape.byteLength, ptr, size);
  if (mismatch !== null) throw new Error(what + ": " + mismatch);
  // Anything json-as still rejects aborts inside it: name the source and type.
  setFailureContext(what);
  const value = JSON.parse<T>(decodeUTF8(ptr, <usize>size));
  setFailureContext(null);
  return value;
}

/** A default value of `T`: what json-as writes for it gives T's shape. */
function defaultOf<T>(): T {
  if (isString<T>()) return changetype<T>("");
  if (isReference<T>()) {
    if (isNullable<T>()) return changetype<T>(0);
    return instantiate<T>();
  }
  return <T>0;
}

/** @internal `value` as JSON text. */
export function stringifyJSON<T>(value: T): string {
  return JSON.stringify<T>(value);
}

/** @internal `s` as a JSON string literal, quotes included. */
export function quoteJSON(s: string): string {
  let out = "\"";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let escape: string | null = null;
    if (c == 0x22) escape = "\\\"";
    else if (c == 0x5c) escape = "\\\\";
    else if (c == 0x0a) escape = "\\n";
    else if (c == 0x0d) escape = "\\r";
    else if (c == 0x09) escape = "\\t";
    else if (c < 0x20) escape = "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    if (escape !== null) {
      out += s.substring(start, i) + escape;
      start = i + 1;
    }
  }
  return out + s.substring(start) + "\"";
}
