// JSON for plug-ins, with json-as (its transform is enabled by the package's
// asconfig.json, through transform.js). json-as alone turns some bad input
// into garbage values, a bare trap or "Incomplete or unterminated JSON
// value"; here every parse is first checked (json-check.ts: RFC 8259 syntax
// over valid UTF-8, then the shape of T) so that bad input fails the call with a
// message that says what was wrong, where, and for which type.

import { JSON } from "json-as";
import { setFailureContext } from "./abort";
import { checkShape, checkSyntax, parseShape, Shape } from "./json-check";
import { decodeUTF8, encodeUTF8 } from "./utf8";

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
  // Anything json-as still rejects aborts inside it: name the source and type.
  setFailureContext(source, NOT_JSON_FOR, nameof<T>());
  const value = JSON.parse<T>(decodeUTF8(ptr, <usize>size));
  setFailureContext(null);
  return value;
}

const NOT_JSON_FOR = " is not valid JSON for ";

function fail<T>(source: string, reason: string): void {
  throw new Error(source + NOT_JSON_FOR + nameof<T>() + ": " + reason);
}

// The shape of each type parsed so far, by name: made once per type from the
// JSON of a default value (field names and kinds), since that never changes.
const shapes = new Map<string, Shape>();

function shapeOf<T>(): Shape {
  const name = nameof<T>();
  if (shapes.has(name)) return shapes.get(name);
  const json = encodeUTF8(JSON.stringify<T>(defaultOf<T>()));
  const shape = parseShape(changetype<usize>(json), json.byteLength);
  shapes.set(name, shape);
  return shape;
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
