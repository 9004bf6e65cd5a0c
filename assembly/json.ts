// JSON for plug-ins. Reading: json-check.ts checks the syntax (RFC 8259
// over valid UTF-8), then json-read.ts reads the value led by its type,
// checking each part of it; bad input fails the call with a message that
// says what was wrong, where, and for which type. Writing: json-write.ts,
// with json-as (its transform is enabled by the package's asconfig.json,
// through transform.js).

import { checkSyntax } from "./json-check";
import { NOT_JSON_FOR, readJSON } from "./json-read";
import { typeName } from "./json-types";
export { stringifyJSON } from "./json-write";

/**
 * @internal Parses `size` bytes at `ptr` as JSON for `T`. `source` names the
 * bytes in messages ("the input", "var 'k'"...). Fails the call with
 * `<source> is not valid JSON for <T>: <reason> at byte <n>` when they are not.
 */
export function parseJSON<T>(ptr: usize, size: i32, source: string): T {
  if (size == 0) fail<T>(source, "it is empty");
  const syntax = checkSyntax(ptr, size);
  if (syntax !== null) fail<T>(source, syntax);
  return readJSON<T>(ptr, size, source, typeName<T>());
}

function fail<T>(source: string, reason: string): void {
  throw new Error(source + NOT_JSON_FOR + typeName<T>() + ": " + reason);
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
