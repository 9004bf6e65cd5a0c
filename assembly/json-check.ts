// The syntax check of JSON text before it is read (json-read.ts), so that
// every bad input gets a message naming the problem and its byte offset:
// RFC 8259 syntax over UTF-8 (valid UTF-8 included), nesting at most 512
// levels deep.

import { decimal } from "./format";
import { decodeUTF8 } from "./utf8";

/**
 * The length of the valid UTF-8 sequence that starts at byte `i` of the
 * `size` bytes at `ptr` (whose first byte is 0x80 or more), or 0 when it is
 * not one: an overlong form, a surrogate, past U+10FFFF, or cut short.
 */
function utf8Sequence(ptr: usize, i: i32, size: i32): i32 {
  const b0 = <u32>load<u8>(ptr + i);
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
  } else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= size) return 0;
    const b = <u32>load<u8>(ptr + i + k);
    if (b < lo || b > hi) return 0;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

/**
 * `code` in upper-case hexadecimal, at least four digits (`FEFF`, `1F600`),
 * as U+ notation writes it. (`toString(16).toUpperCase()` would bring in
 * the Unicode case tables, about 8 KB, for one message.)
 */
function codePointHex(code: i32): string {
  let hex = "";
  for (let digits = 0; digits < 4 || code != 0; digits++) {
    const d = code & 15;
    hex = String.fromCharCode(d < 10 ? 0x30 + d : 0x37 + d) + hex;
    code >>>= 4;
  }
  return hex;
}

// @ts-ignore: decorator
@inline
const MAX_DEPTH = 512;

/** @internal `null` when `size` bytes at `ptr` are one JSON value, else `<reason> at byte <n>`. */
export function checkSyntax(ptr: usize, size: i32): string | null {
  const check = new SyntaxCheck(ptr, size);
  return check.check() ? null : check.error + " at byte " + decimal(check.pos);
}

/**
 * @internal The path (`items[2].name`) of the value or map key that starts
 * at byte `target` of the `size` bytes of valid JSON text at `ptr`, "" for
 * the whole value: only on the way to a failure message, so that reading
 * never keeps track of where it is. (The syntax check's own walk, stopped
 * at the target.)
 */
export function pathTo(ptr: usize, size: i32, target: i32): string {
  const walk = new SyntaxCheck(ptr, size);
  walk.target = target;
  walk.check();
  return walk.path;
}

/**
 * An RFC 8259 syntax check over UTF-8 bytes, with the position of the first
 * error; or, given a `target`, the walk to the value or key there (`path`).
 */
class SyntaxCheck {
  pos: i32 = 0;
  error: string = "";
  /** Where the walk stops: the start of a value or key (-1: nowhere). */
  target: i32 = -1;
  /** The path to the target, once it is reached. */
  path: string = "";
  private reached: bool = false;
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

  /** Stops the walk at the target (whose path so far is ""). */
  private reach(): bool {
    this.reached = true;
    return false;
  }

  /** Puts `segment` (a key, or `[i]`) in front of the path to the target; stops the walk. */
  private within(segment: string): bool {
    const below = this.path;
    this.path = below.length == 0 || below.charCodeAt(0) == 0x5b ? segment + below : segment + "." + below;
    return false;
  }

  private value(): bool {
    if (this.pos == this.target) return this.reach();
    const c = this.peek();
    if (c == -1) return this.fail("unexpected end");
    if (c == 0x7b) return this.container(0x7d, true);
    if (c == 0x5b) return this.container(0x5d, false);
    if (c == 0x22) return this.string();
    if (c == 0x74) return this.word("true");
    if (c == 0x66) return this.word("false");
    if (c == 0x6e) return this.word("null");
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c >= 0x80) {
      const n = utf8Sequence(this.ptr, this.pos, this.size);
      if (n == 0) return this.fail("invalid UTF-8");
      // Named by its code point too: it may be invisible (a byte order mark).
      const text = decodeUTF8(this.ptr + this.pos, <usize>n);
      return this.fail("unexpected character '" + text + "' (U+" + codePointHex(text.codePointAt(0)) + ")");
    }
    return this.fail("unexpected character '" + String.fromCharCode(c) + "'");
  }

  private container(close: i32, isObject: bool): bool {
    if (++this.depth > MAX_DEPTH) return this.fail("nested deeper than " + decimal(MAX_DEPTH) + " levels");
    this.pos++;
    this.space();
    if (this.peek() == close) {
      this.pos++;
      this.depth--;
      return true;
    }
    let index = 0;
    while (true) {
      const key = this.pos;
      if (isObject) {
        if (this.peek() != 0x22) return this.fail(this.peek() == -1 ? "unexpected end" : "expected a property name");
        if (!this.string()) return false;
        if (key == this.target) {
          this.reached = true;
          return this.within(this.keyText(key));
        }
        this.space();
        if (this.peek() != 0x3a) return this.fail(this.peek() == -1 ? "unexpected end" : "expected ':'");
        this.pos++;
        this.space();
      }
      if (!this.value()) {
        if (!this.reached) return false;
        if (!isObject) return this.within("[" + decimal(index) + "]");
        this.pos = key;
        this.string();
        return this.within(this.keyText(key));
      }
      this.space();
      const c = this.peek();
      if (c == 0x2c) {
        this.pos++;
        this.space();
        index++;
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

  /** The text of the key whose opening quote is at `quote` (the cursor just past its closing one), as written. */
  private keyText(quote: i32): string {
    return decodeUTF8(this.ptr + <usize>quote + 1, <usize>(this.pos - quote - 2));
  }

  private string(): bool {
    this.pos++;
    while (true) {
      // Plain ASCII runs (most of any JSON text) in a tight loop.
      let p = this.ptr + <usize>this.pos;
      const end = this.ptr + <usize>this.size;
      while (p < end) {
        const b = load<u8>(p);
        if (b == 0x22 || b == 0x5c || b < 0x20 || b >= 0x80) break;
        p++;
      }
      this.pos = <i32>(p - this.ptr);
      const c = this.peek();
      if (c == -1) return this.fail("unterminated string");
      if (c == 0x22) {
        this.pos++;
        return true;
      }
      if (c < 0x20) return this.fail("control character in a string");
      if (c >= 0x80) {
        const n = utf8Sequence(this.ptr, this.pos, this.size);
        if (n == 0) return this.fail("invalid UTF-8");
        this.pos += n;
        continue;
      }
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
    // (not reached: the loop returns)
    return false;
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
