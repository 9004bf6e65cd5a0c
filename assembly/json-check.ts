// Checks of JSON text before json-as parses it, so that every bad input
// gets a message naming the problem and its byte offset: RFC 8259 syntax
// over UTF-8 (valid UTF-8 included), and the shape of the target type (taken from the JSON of
// a default value: which fields are numbers, booleans, strings, arrays or
// objects).

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

const MAX_DEPTH = 512;

/** @internal `null` when `size` bytes at `ptr` are one JSON value, else `<reason> at byte <n>`. */
export function checkSyntax(ptr: usize, size: i32): string | null {
  const check = new SyntaxCheck(ptr, size);
  return check.check() ? null : check.error + " at byte " + check.pos.toString();
}

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
    if (c >= 0x80) {
      const n = utf8Sequence(this.ptr, this.pos, this.size);
      if (n == 0) return this.fail("invalid UTF-8");
      // Named by its code point too: it may be invisible (a byte order mark).
      const text = String.UTF8.decodeUnsafe(this.ptr + this.pos, <usize>n);
      const code = text.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
      return this.fail("unexpected character '" + text + "' (U+" + code + ")");
    }
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

/** @internal What a JSON value must be. */
export const enum Kind {
  /** Anything: a type the PDK does not know (json-as's own JSON.Value, a custom deserializer...). */
  Unknown,
  Bool,
  Number,
  String,
  Array,
  Object,
  /** A number without a fraction or an exponent, in the range of `bits` and `signed`. */
  Integer,
  /** An object whose keys fit `key` and whose values fit `element`. */
  Map,
  /** `null`, or a value that fits `element`. */
  Nullable,
}

const KIND_NAMES: string[] = ["a value", "a boolean", "a number", "a string", "an array", "an object", "an integer", "an object", "a value"];

/** @internal What a value must be: its kind, and what its parts must be. */
export class Shape {
  /** Object fields: names as the UTF-8 bytes they have in JSON text (escapes as written). */
  names: ArrayBuffer[] = [];
  fields: Shape[] = [];
  /** The elements of an array, the values of a map, the value of a nullable. */
  element: Shape | null = null;
  /** The keys of a map (`Unknown` for string keys). */
  key: Shape | null = null;
  /** Integers: the width in bits, and whether negative values fit. */
  bits: i32 = 0;
  signed: bool = false;

  constructor(public kind: Kind) {}

  /** The shape of the field whose name is the `size` bytes at `ptr`, or null. */
  field(ptr: usize, size: i32): Shape | null {
    const i = this.indexOf(ptr, size, 0);
    return i < 0 ? null : unchecked(this.fields[i]);
  }

  /**
   * The index of the field whose name is the `size` bytes at `ptr`, or -1;
   * the search starts at `from` (the index after the last field found, since
   * JSON text usually lists fields in the order they were declared).
   */
  indexOf(ptr: usize, size: i32, from: i32): i32 {
    const names = this.names;
    const count = names.length;
    for (let k = 0, i = from < count ? from : 0; k < count; k++, i = i + 1 < count ? i + 1 : 0) {
      const name = unchecked(names[i]);
      if (name.byteLength == size && memory.compare(changetype<usize>(name), ptr, <usize>size) == 0) return i;
    }
    return -1;
  }

  /** Makes `shape` the shape of field `name` (UTF-8 JSON text of the key), replacing any earlier one. */
  setField(name: ArrayBuffer, shape: Shape): void {
    for (let i = 0; i < this.names.length; i++) {
      const known = this.names[i];
      if (known.byteLength == name.byteLength && memory.compare(changetype<usize>(known), changetype<usize>(name), <usize>name.byteLength) == 0) {
        this.fields[i] = shape;
        return;
      }
    }
    this.names.push(name);
    this.fields.push(shape);
  }
}

/** @internal The shape described by the JSON at `ptr`: the JSON of a default value of a type. */
export function parseShape(ptr: usize, size: i32): Shape {
  return new Reader(ptr, size).shape();
}

/**
 * @internal `null` when the JSON at `ptr` (valid syntax) fits `shape`, else
 * `field "a.b[2]": expected <kind>, found <kind> at byte <n>`. Fields the
 * shape does not name, and values of `Unknown` shape, are not checked.
 */
export function checkShape(shape: Shape, ptr: usize, size: i32): string | null {
  const mismatch = new Reader(ptr, size).fits(shape);
  return mismatch === null ? null : mismatch.message();
}

/**
 * Whether the bytes [start, end) at `ptr` are an integer (optional minus,
 * digits, no fraction or exponent) within the range of `shape`.
 */
function integerFits(ptr: usize, start: i32, end: i32, shape: Shape): bool {
  let p = start;
  const negative = p < end && load<u8>(ptr + p) == 0x2d;
  if (negative) p++;
  if (p == end) return false;
  let magnitude: u64 = 0;
  for (; p < end; p++) {
    const d = <u32>load<u8>(ptr + p) - 0x30;
    if (d > 9) return false;
    if (magnitude > (u64.MAX_VALUE - d) / 10) return false;
    magnitude = magnitude * 10 + d;
  }
  const bits = <u64>shape.bits;
  if (negative) return magnitude == 0 || (shape.signed && magnitude <= (<u64>1 << (bits - 1)));
  if (shape.signed) return magnitude <= (<u64>1 << (bits - 1)) - 1;
  return bits == 64 || magnitude <= (<u64>1 << bits) - 1;
}

/** The range of an integer shape, for messages: `from -128 to 127`. */
function integerRange(shape: Shape): string {
  const bits = <u64>shape.bits;
  if (shape.signed) return "from -" + (<u64>1 << (bits - 1)).toString() + " to " + ((<u64>1 << (bits - 1)) - 1).toString();
  return "from 0 to " + (bits == 64 ? u64.MAX_VALUE : (<u64>1 << bits) - 1).toString();
}

/** Up to 40 bytes of the text [start, end) at `ptr`, for messages. */
function excerpt(ptr: usize, start: i32, end: i32): string {
  const cut = end - start > 40;
  return String.UTF8.decodeUnsafe(ptr + start, <usize>(cut ? 40 : end - start)) + (cut ? "..." : "");
}

/** A cursor over JSON text whose syntax was checked already. */
class Reader {
  pos: i32 = 0;

  constructor(private ptr: usize, private size: i32) {}

  private peek(): i32 {
    return this.pos < this.size ? <i32>load<u8>(this.ptr + this.pos) : -1;
  }

  private space(): void {
    for (let c = this.peek(); c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d; c = this.peek()) this.pos++;
  }

  /** The kind of the value at the cursor (after white space). */
  private kind(): Kind {
    this.space();
    const c = this.peek();
    if (c == 0x7b) return Kind.Object;
    if (c == 0x5b) return Kind.Array;
    if (c == 0x22) return Kind.String;
    if (c == 0x74 || c == 0x66) return Kind.Bool;
    if (c == 0x6e) return Kind.Unknown; // null
    // json-as writes a float 0 as "0" too, so a default tells no integer
    // from a float: every number is a number.
    return Kind.Number;
  }

  /** Moves past the value at the cursor. */
  private skip(): void {
    this.space();
    const c = this.peek();
    if (c == 0x22) {
      this.key();
      return;
    }
    if (c == 0x7b || c == 0x5b) {
      let depth = 0;
      do {
        const d = this.peek();
        if (d == 0x22) {
          this.key();
          continue;
        }
        if (d == 0x7b || d == 0x5b) depth++;
        else if (d == 0x7d || d == 0x5d) depth--;
        this.pos++;
      } while (depth > 0);
      return;
    }
    while (this.pos < this.size) {
      const d = this.peek();
      if (d == 0x2c || d == 0x7d || d == 0x5d || d == 0x20 || d == 0x09 || d == 0x0a || d == 0x0d) break;
      this.pos++;
    }
  }

  /** Moves past the string at the cursor; returns the offset of its first byte (the end is `pos - 1`). */
  private key(): i32 {
    const start = ++this.pos;
    let p = this.ptr + <usize>start;
    for (let b = load<u8>(p); b != 0x22; b = load<u8>(p)) p += b == 0x5c ? 2 : 1;
    this.pos = <i32>(p - this.ptr) + 1;
    return start;
  }

  /** Moves past the `,` or closing bracket after a member; true when the container goes on. */
  private next(): bool {
    this.space();
    const more = this.peek() == 0x2c;
    this.pos++;
    return more;
  }

  /** Reads the value at the cursor as a shape. */
  shape(): Shape {
    const kind = this.kind();
    const shape = new Shape(kind);
    if (kind == Kind.Object) {
      this.pos++;
      this.space();
      if (this.peek() == 0x7d) this.pos++;
      else {
        do {
          this.space();
          const start = this.key();
          const name = new ArrayBuffer(this.pos - 1 - start);
          memory.copy(changetype<usize>(name), this.ptr + start, <usize>name.byteLength);
          this.space();
          this.pos++; // ':'
          shape.names.push(name);
          shape.fields.push(this.shape());
        } while (this.next());
      }
    } else if (kind == Kind.Array) {
      this.pos++;
      this.space();
      if (this.peek() == 0x5d) this.pos++;
      else {
        shape.element = this.shape();
        while (this.next()) this.skip();
      }
    } else this.skip();
    return shape;
  }

  /**
   * Moves past the value at the cursor and returns true when it is a string
   * for a string shape, or a number for a number shape (an integer within
   * range for an integer one); otherwise returns false, leaving the cursor
   * for `fits` to say what is wrong.
   */
  @inline
  private leaf(shape: Shape): bool {
    this.space();
    const kind = shape.kind;
    const c = this.peek();
    if (kind == Kind.String) {
      if (c != 0x22) return false;
      this.key();
      return true;
    }
    if (kind != Kind.Number && kind != Kind.Integer) return false;
    if (c != 0x2d && <u32>(c - 0x30) > 9) return false;
    const start = this.pos;
    let p = this.ptr + <usize>start;
    const end = this.ptr + <usize>this.size;
    while (p < end) {
      const d = load<u8>(p);
      if (d == 0x2c || d == 0x5d || d == 0x7d || d == 0x20 || d == 0x09 || d == 0x0a || d == 0x0d) break;
      p++;
    }
    const stop = <i32>(p - this.ptr);
    if (kind == Kind.Integer && !integerFits(this.ptr, start, stop, shape)) return false;
    this.pos = stop;
    return true;
  }

  /** `null` when the value at the cursor fits `shape` (or is null, when `orNull`), else what is wrong with it. */
  fits(shape: Shape, orNull: bool = false): Mismatch | null {
    const expected = shape.kind;
    if (expected == Kind.Unknown) {
      this.skip();
      return null;
    }
    if (expected == Kind.Nullable) {
      this.space();
      if (this.peek() == 0x6e) {
        this.skip();
        return null;
      }
      return this.fits(shape.element!, true);
    }
    const found = this.kind();
    const wanted = expected == Kind.Integer ? Kind.Number : expected == Kind.Map ? Kind.Object : expected;
    if (found != wanted) {
      return new Mismatch("expected " + KIND_NAMES[expected] + (orNull ? " or null" : "") + ", found " + (this.peek() == 0x6e ? "null" : KIND_NAMES[found]) + " at byte " + this.pos.toString());
    }
    if (expected == Kind.Integer) {
      const start = this.pos;
      this.skip();
      if (integerFits(this.ptr, start, this.pos, shape)) return null;
      return new Mismatch("expected an integer " + integerRange(shape) + ", found " + excerpt(this.ptr, start, this.pos) + " at byte " + start.toString());
    }
    if (expected == Kind.Object || expected == Kind.Map) {
      this.pos++;
      this.space();
      if (this.peek() == 0x7d) {
        this.pos++;
        return null;
      }
      const keyShape = shape.key;
      let next = 0;
      do {
        this.space();
        const start = this.key();
        const length = this.pos - 1 - start;
        this.space();
        this.pos++; // ':'
        let problem: Mismatch | null = null;
        if (expected == Kind.Map) {
          if (keyShape !== null && keyShape.kind == Kind.Integer && !integerFits(this.ptr, start, start + length, keyShape)) {
            problem = new Mismatch("expected a key that is an integer " + integerRange(keyShape) + ", found \"" + excerpt(this.ptr, start, start + length) + "\" at byte " + (start - 1).toString());
          } else problem = this.fits(shape.element!);
        } else {
          const i = shape.indexOf(this.ptr + start, length, next);
          if (i < 0) this.skip();
          else {
            next = i + 1;
            const field = unchecked(shape.fields[i]);
            if (!this.leaf(field)) problem = this.fits(field);
          }
        }
        if (problem !== null) return problem.within(String.UTF8.decodeUnsafe(this.ptr + start, <usize>length));
      } while (this.next());
      return null;
    }
    if (expected == Kind.Array) {
      this.pos++;
      this.space();
      if (this.peek() == 0x5d) {
        this.pos++;
        return null;
      }
      const element = shape.element;
      if (element === null) {
        do this.skip();
        while (this.next());
        return null;
      }
      let index = 0;
      do {
        // Strings and numbers (most long arrays) without a call per element.
        if (!this.leaf(element)) {
          const problem = this.fits(element);
          if (problem !== null) return problem.within("[" + index.toString() + "]");
        }
        index++;
      } while (this.next());
      return null;
    }
    this.skip();
    return null;
  }
}

/** What is wrong, and where: built only when something is. */
class Mismatch {
  /** A path such as `items[2].name`; empty for the value itself. */
  path: string = "";

  constructor(public detail: string) {}

  /** This mismatch, inside field `name` or element `[i]` of its parent. */
  within(segment: string): Mismatch {
    if (this.path.length == 0) this.path = segment;
    else this.path = segment + (this.path.charCodeAt(0) == 0x5b ? "" : ".") + this.path;
    return this;
  }

  message(): string {
    if (this.path.length == 0) return this.detail;
    const where = this.path.charCodeAt(0) == 0x5b ? "element " + this.path : 'field "' + this.path + '"';
    return where + ": " + this.detail;
  }
}
