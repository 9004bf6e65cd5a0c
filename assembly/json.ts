// JSON for plug-ins, with json-as (its transform is enabled by the package's
// asconfig.json, through transform.js). json-as alone turns some bad input into default values or
// into a bare "Incomplete or unterminated JSON value"; here every parse is
// first checked (UTF-8, then RFC 8259 syntax) so that bad input fails the
// call with a message that says what was wrong, where, and for which type.

import { JSON } from "json-as";
import { setFailureContext } from "./abort";
import { decodeUTF8 } from "./utf8";

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
  const syntax = new SyntaxCheck(ptr, size);
  if (!syntax.check()) throw new Error(what + ": " + syntax.error + " at byte " + syntax.pos.toString());
  // json-as reports type mismatches by aborting: name the source and type.
  setFailureContext(what);
  const value = JSON.parse<T>(decodeUTF8(ptr, <usize>size));
  setFailureContext(null);
  return value;
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

/** The index of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUTF8(ptr: usize, size: i32): i32 {
  let i = 0;
  while (i < size) {
    const b0 = <u32>load<u8>(ptr + i);
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo: u32 = 0x80;
    let hi: u32 = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      if (b0 == 0xe0) lo = 0xa0;
      else if (b0 == 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      if (b0 == 0xf0) lo = 0x90;
      else if (b0 == 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= size) return i;
      const b = <u32>load<u8>(ptr + i + k);
      if (b < lo || b > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

const MAX_DEPTH = 512;

/** An RFC 8259 syntax check over UTF-8 bytes, with the position of the first error. */
class SyntaxCheck {
  pos: i32 = 0;
  error: string = "";
  private depth: i32 = 0;

  constructor(private ptr: usize, private size: i32) {}

  check(): bool {
    this.space();
    if (!this.value()) return false;
    this.space();
    if (this.pos < this.size) return this.fail("unexpected text after the value");
    return true;
  }

  private peek(): i32 {
    return this.pos < this.size ? <i32>load<u8>(this.ptr + this.pos) : -1;
  }

  private fail(message: string): bool {
    if (this.error.length == 0) this.error = message;
    return false;
  }

  private space(): void {
    for (let c = this.peek(); c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d; c = this.peek()) this.pos++;
  }

  private value(): bool {
    const c = this.peek();
    if (c == -1) return this.fail("unexpected end");
    if (c == 0x7b) return this.container(0x7d, true);
    if (c == 0x5b) return this.container(0x5d, false);
    if (c == 0x22) return this.string();
    if (c == 0x74) return this.word("true");
    if (c == 0x66) return this.word("false");
    if (c == 0x6e) return this.word("null");
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.fail("unexpected character '" + String.fromCharCode(c) + "'");
  }

  private container(close: i32, isObject: bool): bool {
    if (++this.depth > MAX_DEPTH) return this.fail("nested deeper than " + MAX_DEPTH.toString() + " levels");
    this.pos++;
    this.space();
    if (this.peek() == close) {
      this.pos++;
      this.depth--;
      return true;
    }
    while (true) {
      if (isObject) {
        if (this.peek() != 0x22) return this.fail(this.peek() == -1 ? "unexpected end" : "expected a property name");
        if (!this.string()) return false;
        this.space();
        if (this.peek() != 0x3a) return this.fail(this.peek() == -1 ? "unexpected end" : "expected ':'");
        this.pos++;
        this.space();
      }
      if (!this.value()) return false;
      this.space();
      const c = this.peek();
      if (c == 0x2c) {
        this.pos++;
        this.space();
        continue;
      }
      if (c == close) {
        this.pos++;
        this.depth--;
        return true;
      }
      return this.fail(c == -1 ? "unexpected end" : isObject ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }

  private string(): bool {
    this.pos++;
    while (true) {
      const c = this.peek();
      if (c == -1) return this.fail("unterminated string");
      if (c == 0x22) {
        this.pos++;
        return true;
      }
      if (c < 0x20) return this.fail("control character in a string");
      if (c == 0x5c) {
        this.pos++;
        const e = this.peek();
        if (e == 0x75) {
          for (let k = 0; k < 4; k++) {
            this.pos++;
            const h = this.peek();
            const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
            if (!hex) return this.fail("bad \\u escape");
          }
        } else if (e != 0x22 && e != 0x5c && e != 0x2f && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 && e != 0x74) {
          return this.fail("bad escape");
        }
      }
      this.pos++;
    }
  }

  private word(w: string): bool {
    for (let i = 0; i < w.length; i++) {
      const c = this.peek();
      if (c == -1) return this.fail("unexpected end");
      if (c != w.charCodeAt(i)) return this.fail("unexpected character '" + String.fromCharCode(c) + "'");
      this.pos++;
    }
    return true;
  }

  private number(): bool {
    if (this.peek() == 0x2d) this.pos++;
    if (this.peek() == 0x30) this.pos++;
    else if (!this.digits()) return this.fail("bad number");
    if (this.peek() == 0x2e) {
      this.pos++;
      if (!this.digits()) return this.fail("bad number");
    }
    const e = this.peek();
    if (e == 0x65 || e == 0x45) {
      this.pos++;
      const s = this.peek();
      if (s == 0x2b || s == 0x2d) this.pos++;
      if (!this.digits()) return this.fail("bad number");
    }
    return true;
  }

  private digits(): bool {
    const start = this.pos;
    for (let c = this.peek(); c >= 0x30 && c <= 0x39; c = this.peek()) this.pos++;
    return this.pos > start;
  }
}
