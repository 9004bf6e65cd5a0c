// The syntax of JSON text: RFC 8259 over UTF-8 (valid UTF-8 included),
// nesting at most 512 levels deep. `JsonScanner` moves past values checking
// them; json-read.ts reads through it, so that every byte a value is read
// from has been checked, in one pass. A failure then walks the whole text
// again from its start (`checkSyntax`), so that a syntax error anywhere is
// reported before a value that does not fit its type, and at the first
// error's byte; and again to name the place of a value (`pathTo`).

import { decimal } from "./format";
import { decodeUTF8 } from "./utf8";

/** What `JsonScanner.string` found. */
export const enum Scanned {
  /** Not a valid string (the scanner's error says why). */
  Bad,
  /** A string without escapes: its bytes are its text. */
  Plain,
  /** A string with escapes. */
  Escaped,
}

/** The deepest nesting read, in levels of arrays and objects. */
// @ts-ignore: decorator
@inline
export const MAX_DEPTH = 512;

// The first error of the last scan, and where it is.
// @ts-ignore: decorator
@lazy
let scanError: string = "";
// The path to the target of the last walk (`pathTo`), once it is reached.
// @ts-ignore: decorator
@lazy
let scanPath: string = "";

/** @internal `null` when `size` bytes at `ptr` are one JSON value, else `<reason> at byte <n>`. */
export function checkSyntax(ptr: usize, size: i32): string | null {
  const walk = WALKER;
  walk.start(ptr, size, -1);
  scanError = "";
  walk.space();
  if (walk.value()) {
    walk.space();
    if (walk.pos == size) return null;
    walk.fail("unexpected text after the value");
  }
  return scanError + " at byte " + decimal(walk.pos);
}

/**
 * @internal The path (`items[2].name`) of the value or map key that starts
 * at byte `target` of the `size` bytes of valid JSON text at `ptr`, "" for
 * the whole value: only on the way to a failure message, so that reading
 * never keeps track of where it is.
 */
export function pathTo(ptr: usize, size: i32, target: i32): string {
  const walk = WALKER;
  walk.start(ptr, size, target);
  scanPath = "";
  walk.space();
  walk.value();
  return scanPath;
}

/**
 * @internal A cursor over JSON text that moves past values, checking their
 * syntax: each method returns false at the first error, which it leaves in
 * `scanError` with the cursor on its byte. Given a `target`, it stops at the
 * value or key there instead, with its path in `scanPath`. Unmanaged, and one
 * for each use (in static memory): deep documents recurse through its
 * methods, and a managed `this` would take shadow stack in each frame.
 */
@unmanaged
export class JsonScanner {
  ptr: usize;
  size: i32;
  pos: i32;
  /** The arrays and objects open at the cursor. */
  depth: i32;
  /** Where a walk stops: the start of a value or key (-1: nowhere). */
  target: i32;
  /** Whether the walk reached its target. */
  reached: bool;

  /** Puts the cursor at the start of the `size` bytes at `ptr`. */
  start(ptr: usize, size: i32, target: i32): void {
    this.ptr = ptr;
    this.size = size;
    this.pos = 0;
    this.depth = 0;
    this.target = target;
    this.reached = false;
  }

  /** The byte at the cursor, -1 at the end. */
  @inline
  peek(): i32 {
    return this.pos < this.size ? <i32>load<u8>(this.ptr + <usize>this.pos) : -1;
  }

  /** Moves past white space. */
  @inline
  space(): void {
    for (let c = this.peek(); c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d; c = this.peek()) this.pos++;
  }

  /** Records `message` as the error (the first one stays); returns false. */
  fail(message: string): bool {
    if (scanError.length == 0) scanError = message;
    return false;
  }

  /** Moves past the value at the cursor. */
  value(): bool {
    if (this.pos == this.target) {
      this.reached = true;
      return false;
    }
    const c = this.peek();
    if (c == -1) return this.fail("unexpected end");
    if (c == 0x7b) return this.container(0x7d, true);
    if (c == 0x5b) return this.container(0x5d, false);
    if (c == 0x22) return this.string() != Scanned.Bad;
    if (c == 0x74) return this.word("true");
    if (c == 0x66) return this.word("false");
    if (c == 0x6e) return this.word("null");
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.unexpected();
  }

  /** Fails on the character at the cursor, naming it. */
  unexpected(): bool {
    const c = this.peek();
    if (c >= 0x80) {
      const n = utf8Sequence(this.ptr, this.pos, this.size);
      if (n == 0) return this.fail("invalid UTF-8");
      // Named by its code point too: it may be invisible (a byte order mark).
      const text = decodeUTF8(this.ptr + this.pos, <usize>n);
      return this.fail("unexpected character '" + text + "' (U+" + codePointHex(text.codePointAt(0)) + ")");
    }
    return this.fail("unexpected character '" + String.fromCharCode(c) + "'");
  }

  /** Moves past the `{` or `[` at the cursor, counting the level; false past the deepest. */
  enter(): bool {
    if (++this.depth > MAX_DEPTH) return this.fail("nested deeper than " + decimal(MAX_DEPTH) + " levels");
    this.pos++;
    return true;
  }

  /** Fails where a member should have been followed by `,` or `close`. */
  afterMember(close: i32): bool {
    if (this.peek() == -1) return this.fail("unexpected end");
    return this.fail(close == 0x7d ? "expected ',' or '}'" : "expected ',' or ']'");
  }

  /** Fails where a key should have started. */
  noKey(): bool {
    return this.fail(this.peek() == -1 ? "unexpected end" : "expected a property name");
  }

  /** Fails where a key's `:` should have been. */
  noColon(): bool {
    return this.fail(this.peek() == -1 ? "unexpected end" : "expected ':'");
  }

  private container(close: i32, isObject: bool): bool {
    if (!this.enter()) return false;
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
        if (this.peek() != 0x22) return this.noKey();
        if (this.string() == Scanned.Bad) return false;
        if (key == this.target) {
          this.reached = true;
          return this.within(this.keyText(key));
        }
        this.space();
        if (this.peek() != 0x3a) return this.noColon();
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
      return this.afterMember(close);
    }
    // (not reached: the loop returns)
    return false;
  }

  /** Puts `segment` (a key, or `[i]`) in front of the path to the target; stops the walk. */
  private within(segment: string): bool {
    const below = scanPath;
    scanPath = below.length == 0 || below.charCodeAt(0) == 0x5b ? segment + below : segment + "." + below;
    return false;
  }

  /** The text of the key whose opening quote is at `quote` (the cursor just past its closing one), as written. */
  private keyText(quote: i32): string {
    return decodeUTF8(this.ptr + <usize>quote + 1, <usize>(this.pos - quote - 2));
  }

  /** Moves past the string at the cursor (at its opening quote). */
  string(): Scanned {
    this.pos++;
    let escaped = false;
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
      if (c == 0x22) {
        this.pos++;
        return escaped ? Scanned.Escaped : Scanned.Plain;
      }
      if (c == -1) return this.bad("unterminated string");
      if (c < 0x20) return this.bad("control character in a string");
      if (c >= 0x80) {
        const n = utf8Sequence(this.ptr, this.pos, this.size);
        if (n == 0) return this.bad("invalid UTF-8");
        this.pos += n;
        continue;
      }
      // A backslash.
      escaped = true;
      this.pos++;
      const e = this.peek();
      if (e == 0x75) {
        for (let k = 0; k < 4; k++) {
          this.pos++;
          const h = this.peek();
          const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
          if (!hex) return this.bad("bad \\u escape");
        }
      } else if (e != 0x22 && e != 0x5c && e != 0x2f && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 && e != 0x74) {
        return this.bad("bad escape");
      }
      this.pos++;
    }
    // (not reached: the loop returns)
    return Scanned.Bad;
  }

  private bad(message: string): Scanned {
    this.fail(message);
    return Scanned.Bad;
  }

  /** Moves past the literal `w` (`true`, `false`, `null`) at the cursor. */
  word(w: string): bool {
    for (let i = 0; i < w.length; i++) {
      const c = this.peek();
      if (c == -1) return this.fail("unexpected end");
      if (c != w.charCodeAt(i)) return this.unexpected();
      this.pos++;
    }
    return true;
  }

  /** Moves past the number at the cursor. */
  number(): bool {
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

// @ts-ignore: decorator
@lazy
const WALKER = changetype<JsonScanner>(memory.data(offsetof<JsonScanner>()));

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
