// JSON for plug-ins, with json-as (its transform is enabled by the package's
// asconfig.json, through transform.js). json-as alone turns some bad input
// into garbage values, a bare trap or "Incomplete or unterminated JSON
// value"; here every parse is first checked (json-check.ts: RFC 8259 syntax
// over valid UTF-8, then the shape of T) so that bad input fails the call with a
// message that says what was wrong, where, and for which type.

import { JSON } from "json-as";
import { DESERIALIZE_ESCAPE_TABLE } from "json-as/assembly/globals/tables";
import { setFailureContext } from "./abort";
import { checkShape, checkSyntax } from "./json-check";
import { shapeOf, typeName } from "./json-shape";
import { decodeUTF8 } from "./utf8";

/**
 * @internal Parses `size` bytes at `ptr` as JSON for `T`. `source` names the
 * bytes in messages ("the input", "var 'k'"...). Fails the call with
 * `<source> is not valid JSON for <T>: <reason> at byte <n>` when they are not.
 */
export function parseJSON<T>(ptr: usize, size: i32, source: string): T {
  if (size == 0) fail<T>(source, "it is empty");
  const syntax = checkSyntax(ptr, size);
  if (syntax !== null) fail<T>(source, syntax);
  const mismatch = checkShape(shapeOf<T>(), ptr, size);
  if (mismatch !== null) fail<T>(source, mismatch);
  // json-as 1.6.0's table of short escapes lacks "\/" (it decodes it as
  // U+0000, and PHP escapes every slash): complete it, once per parse.
  store<u8>(DESERIALIZE_ESCAPE_TABLE + 0x2f, 0x2f);
  // Anything json-as still rejects aborts inside it: name the source and type.
  setFailureContext(source, NOT_JSON_FOR, typeName<T>());
  const value = JSON.parse<T>(decodeUTF8(ptr, <usize>size));
  setFailureContext(null);
  return value;
}

const NOT_JSON_FOR = " is not valid JSON for ";

function fail<T>(source: string, reason: string): void {
  throw new Error(source + NOT_JSON_FOR + typeName<T>() + ": " + reason);
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
