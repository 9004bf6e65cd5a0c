// Reads JSON text straight into AssemblyScript values, led by the target
// type: one pass over the UTF-8 bytes, checking their syntax as it goes
// (through json-scan.ts, which also moves past the values the type does not
// hold). Every value is checked against the type where it is read (an i8 is
// an integer from -128 to 127, a string field holds a string...), and a
// mismatch fails the call with a message naming the field, what was expected,
// what was found and where. json-as reads only the types this reader does not
// know (JSON.Value, JSON.Raw, JSON.Box, classes with their own deserializer),
// each from the exact text of its value.
//
// `@json` classes get a method `__EXTISM_READ<R>(reader, key, keyLength)`
// from the package's transform (transform/json-fields.js): it reads the value
// of the field named by the key (UTF-8 bytes) and returns true, or returns
// false for a key the class does not have.

import { JSON } from "json-as";
import { DESERIALIZE_ESCAPE_TABLE } from "json-as/assembly/globals/tables";
import { setFailureContext } from "./abort";
import { parseDateMillis } from "./date";
import { fail } from "./fail";
import { parseDecimal } from "./decimal";
import { decimal } from "./format";
import { checkSyntax, JsonScanner, pathTo, Scanned } from "./json-scan";
import { defaultOf, isJsonClass } from "./json-types";
import { decodeUTF8, decodeUTF8Into, encodeUTF8 } from "./utf8";

/** What a mismatch expected, for messages. */
const enum Expected {
  Bool,
  Number,
  Integer,
  String,
  Array,
  Object,
}

/** What `Expected` names in messages. */
function expectedName(what: Expected): string {
  switch (what) {
    case Expected.Bool:
      return "a boolean";
    case Expected.Number:
      return "a number";
    case Expected.Integer:
      return "an integer";
    case Expected.String:
      return "a string";
    case Expected.Array:
      return "an array";
  }
  return "an object";
}

/** Exact powers of ten for the fast path of float reading. */
// @ts-ignore: decorator
@lazy
const POWERS_OF_TEN: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

// What a failure message names: the source of the text and the type read.
// Globals (roots for the GC) of the one reader at work.
// @ts-ignore: decorator
@lazy
let readSource: string = "";
// @ts-ignore: decorator
@lazy
let readTypeName: string = "";
// A key with escapes, decoded to UTF-8: alive while it is compared.
// @ts-ignore: decorator
@lazy
let decodedKey: ArrayBuffer | null = null;
// Whether a mismatch throws (the default) or is kept in `readFailure`.
// @ts-ignore: decorator
@lazy
let readThrows: bool = true;
// @ts-ignore: decorator
@lazy
let readFailure: string | null = null;

/**
 * @internal Reads `size` bytes of JSON text at `ptr` (at least one) as a
 * `T`. Text that is not JSON fails the call with `<source> is not valid JSON
 * for <typeName>: <reason> at byte <n>` (the first error in the text); a
 * value that does not fit its type with `<source> is not valid JSON for
 * <typeName>: <where>: <what> at byte <n>`. When `throws` is false, it leaves
 * that message in `readFailure` instead (read it with `lastReadFailure`) and
 * returns an unusable value.
 */
export function readJSON<T>(ptr: usize, size: i32, source: string, typeName: string, throws: bool = true): T {
  // A @json class's field initializers may read JSON too (Config.getJSON):
  // the reader at work is put back afterwards.
  const reader = READER;
  const outerPtr = reader.ptr;
  const outerSize = reader.size;
  const outerPos = reader.pos;
  const outerDepth = reader.depth;
  const outerSource = readSource;
  const outerTypeName = readTypeName;
  const outerThrows = readThrows;
  readThrows = throws;
  readFailure = null;
  reader.failed = false;
  reader.start(ptr, size, -1);
  readSource = source;
  readTypeName = typeName;
  const value = reader.read<T>();
  reader.space();
  if (reader.pos < size) reader.syntaxError();
  reader.ptr = outerPtr;
  reader.size = outerSize;
  reader.pos = outerPos;
  reader.depth = outerDepth;
  readSource = outerSource;
  readTypeName = outerTypeName;
  readThrows = outerThrows;
  return value;
}

/**
 * @internal A cursor over JSON text reading values of the types asked for,
 * checking the syntax of every byte it moves past. Unmanaged, and one for
 * the whole program (in static memory): deep documents recurse through its
 * methods, and a managed `this` would take shadow stack in each of their
 * frames.
 */
@unmanaged
export class JsonReader extends JsonScanner {
  /** Whether a mismatch was found (reading without throwing): everything after it reads nothing. */
  failed: bool;
  /** The length of the last key read, in bytes. */
  keyLength: i32;
  /** Whether the last `digits` fit. */
  valid: bool;

  /** Reads the value at the cursor as a `T` (or null, when `orNull`: for messages). */
  read<T>(orNull: bool = false): T {
    if (this.failed) return nothing<T>();
    this.space();
    if (isBoolean<T>()) return <T>this.bool(orNull);
    if (isInteger<T>()) return this.integer<T>(orNull);
    if (isFloat<T>()) return this.float<T>(orNull);
    if (!isReference<T>()) return this.delegate<T>();
    if (isNullable<T>()) {
      if (this.peek() == 0x6e) {
        if (!this.word("null")) this.syntaxError();
        return changetype<T>(0);
      }
      return changetype<T>(this.read<nonnull<T>>(true));
    }
    if (isString<T>()) {
      if (this.peek() != 0x22) this.mismatch(Expected.String, orNull);
      return changetype<T>(this.text());
    }
    return this.reference<T>(orNull);
  }

  /** Stores `value` in the field at `offset` of `object` (a readonly field), as an assignment would. */
  @inline
  /**
   * Whether the `length` bytes of a key at `key` are those at `name` (a
   * field's JSON key, as UTF-8): one function for every field of every
   * class, where an inlined memory.compare per field would cost a few
   * hundred bytes each.
   */
  keyIs(key: usize, name: usize, length: i32): bool {
    for (let i = 0; i < length; i++) {
      if (load<u8>(key + <usize>i) != load<u8>(name + <usize>i)) return false;
    }
    return true;
  }

  storeField<T>(object: usize, offset: usize, value: T): void {
    store<T>(object + offset, value);
    if (isManaged<T>()) __link(object, changetype<usize>(value), false);
  }

  /** Moves past the `:` after a key. */
  private colon(): void {
    this.space();
    if (this.peek() != 0x3a) this.syntaxError();
    this.pos++;
  }

  private reference<T>(orNull: bool): T {
    const type = changetype<T>(0);
    // @ts-ignore: defined by json-as's transform
    if (isDefined(type.__DESERIALIZE_CUSTOM)) return this.delegate<T>();
    // @ts-ignore: defined by this package's transform
    if (isDefined(type.__EXTISM_READ)) {
      this.open(0x7b, Expected.Object, orNull);
      const value = defaultOf<T>();
      if (this.empty(0x7d)) return value;
      do {
        const key = this.objectKey();
        // @ts-ignore: defined by this package's transform
        if (!value.__EXTISM_READ<JsonReader>(this, key, this.keyLength)) this.skip();
      } while (this.next(0x7d));
      return value;
    }
    if (isJsonClass<T>()) return this.delegate<T>();
    if (type instanceof Array) {
      this.open(0x5b, Expected.Array, orNull);
      const array = instantiate<T>();
      if (this.empty(0x5d)) return array;
      // @ts-ignore: an Array's element type
      do array.push(this.read<valueof<T>>());
      while (this.next(0x5d));
      return array;
    }
    if (type instanceof StaticArray) {
      const elements = this.read<Array<valueof<T>>>(orNull);
      if (this.failed) return changetype<T>(0);
      return changetype<T>(StaticArray.fromArray<valueof<T>>(elements));
    }
    if (type instanceof Set) {
      this.open(0x5b, Expected.Array, orNull);
      const set = instantiate<T>();
      if (this.empty(0x5d)) return set;
      // @ts-ignore: a Set's element type
      do set.add(this.read<indexof<T>>());
      while (this.next(0x5d));
      return set;
    }
    if (
      type instanceof Int8Array || type instanceof Uint8Array || type instanceof Uint8ClampedArray ||
      type instanceof Int16Array || type instanceof Uint16Array || type instanceof Int32Array ||
      type instanceof Uint32Array || type instanceof Int64Array || type instanceof Uint64Array ||
      type instanceof Float32Array || type instanceof Float64Array
    ) {
      const elements = this.read<Array<valueof<T>>>(orNull);
      if (this.failed) return changetype<T>(0);
      const typed = instantiate<T>(elements.length);
      // @ts-ignore: a typed array's element type
      for (let i = 0; i < elements.length; i++) typed[i] = unchecked(elements[i]);
      return typed;
    }
    if (type instanceof Map) {
      // @ts-ignore: a Map's key type
      if (!isString<indexof<T>>() && !isInteger<indexof<T>>()) return this.delegate<T>();
      this.open(0x7b, Expected.Object, orNull);
      const map = instantiate<T>();
      if (this.empty(0x7d)) return map;
      do {
        this.space();
        // @ts-ignore: a Map's key and value types
        const key = this.mapKey<indexof<T>>();
        this.colon();
        // @ts-ignore: a Map's key and value types
        map.set(key, this.read<valueof<T>>());
      } while (this.next(0x7d));
      return map;
    }
    if (type instanceof Date) {
      if (this.peek() != 0x22) this.mismatch(Expected.String, orNull);
      const start = this.pos;
      const text = this.text();
      if (this.failed) return changetype<T>(0);
      const millis = parseDateMillis(text);
      if (millis == i64.MIN_VALUE) {
        this.reject("expected a date (RFC 3339, such as \"2024-01-31T12:00:00Z\", or \"2024-01-31\"), found " + this.excerpt(start, this.pos), start);
        return changetype<T>(0);
      }
      return changetype<T>(new Date(millis));
    }
    // @ts-ignore: JSON.Box<V> holds a V (the argument only names the type: it is never used)
    if (type instanceof JSON.Box) return changetype<T>(this.box(type.value, orNull));
    if (type instanceof JSON.Obj) {
      if (this.peek() != 0x7b) this.mismatch(Expected.Object, orNull);
    } else if (type instanceof JSON.Arr) {
      if (this.peek() != 0x5b) this.mismatch(Expected.Array, orNull);
    } else if (!(type instanceof JSON.Value) && !(type instanceof JSON.Raw)) {
      // A class json-as knows nothing of, or a function: no JSON can be one.
      ERROR("extism-as-pdk: this type cannot be read as JSON: mark the class @json, or use an array, a map, a set, a string, a number, bool or Date");
    }
    return this.delegate<T>();
  }

  /**
   * Moves past the key at the cursor and its `:`; returns the address of its
   * UTF-8 bytes (decoded when it has escapes), `keyLength` their number.
   */
  private objectKey(): usize {
    this.space();
    if (this.peek() != 0x22) this.syntaxError();
    const start = this.pos + 1;
    const scanned = this.string();
    let key = this.ptr + <usize>start;
    if (scanned == Scanned.Plain) this.keyLength = this.pos - 1 - start;
    else if (scanned == Scanned.Escaped) {
      const decoded = encodeUTF8(decodeString(this.ptr, start, this.pos - 1));
      decodedKey = decoded;
      key = changetype<usize>(decoded);
      this.keyLength = decoded.byteLength;
    } else {
      this.syntaxError();
      this.keyLength = 0;
    }
    this.colon();
    return key;
  }

  /** Reads a `JSON.Box<V>` (its value, checked as a `V`); `_type` only names `V`. */
  private box<V>(_type: V, orNull: bool): JSON.Box<V> {
    return new JSON.Box<V>(this.read<V>(orNull));
  }

  /** Reads a map key (a JSON string) as a `K`: the string itself, or an integer in `K`'s range. */
  private mapKey<K>(): K {
    const quote = this.pos;
    if (this.peek() != 0x22) this.syntaxError();
    if (isString<K>()) return changetype<K>(this.text());
    const start = quote + 1;
    const scanned = this.string();
    let value: K;
    if (scanned == Scanned.Bad) {
      this.syntaxError();
      return <K>0;
    }
    if (scanned == Scanned.Plain) value = <K>this.integerIn(this.ptr + <usize>start, this.ptr + <usize>(this.pos - 1), <u64>sizeof<K>() << 3, isSigned<K>());
    else {
      // Escapes ("\u0031"): the digits decoded.
      const decoded = encodeUTF8(decodeString(this.ptr, start, this.pos - 1));
      decodedKey = decoded;
      value = <K>this.integerIn(changetype<usize>(decoded), changetype<usize>(decoded) + <usize>decoded.byteLength, <u64>sizeof<K>() << 3, isSigned<K>());
    }
    if (!this.valid) {
      this.outOfRange("expected a key that is an integer ", quote, <u64>sizeof<K>() << 3, isSigned<K>());
    }
    return value;
  }

  /** Moves past `open`, or fails: the value is not `what`. */
  @inline
  private open(open: i32, what: Expected, orNull: bool): void {
    if (this.peek() != open) this.mismatch(what, orNull);
    if (!this.enter()) this.syntaxError();
  }

  /** Whether the container just opened ends at once (then moves past `close`). */
  @inline
  private empty(close: i32): bool {
    this.space();
    if (this.peek() != close) return false;
    this.pos++;
    this.depth--;
    return true;
  }

  /** Moves past the `,` or `close` after a member; true when the container goes on. */
  private next(close: i32): bool {
    this.space();
    const c = this.peek();
    this.pos++;
    if (c == 0x2c) return !this.failed;
    if (c == close) this.depth--;
    else this.syntaxError();
    return false;
  }

  private bool(orNull: bool): bool {
    const c = this.peek();
    if (c == 0x74) {
      if (!this.word("true")) this.syntaxError();
      return true;
    }
    if (c != 0x66) this.mismatch(Expected.Bool, orNull);
    else if (!this.word("false")) this.syntaxError();
    return false;
  }

  /**
   * The integer in the bytes [p, stop) (as a `T` of `bits` bits, `signed`
   * or not, once cast), setting `valid` to whether it is an integer
   * (optional minus, digits) within that type's range.
   */
  private integerIn(p: usize, stop: usize, bits: u64, signed: bool): u64 {
    this.valid = false;
    const negative = p < stop && load<u8>(p) == 0x2d;
    if (negative) p++;
    if (p == stop) return 0;
    let magnitude: u64 = 0;
    for (; p < stop; p++) {
      const d = <u32>load<u8>(p) - 0x30;
      if (d > 9) return 0;
      if (magnitude > (u64.MAX_VALUE - d) / 10) return 0;
      magnitude = magnitude * 10 + d;
    }
    if (negative) this.valid = magnitude == 0 || (signed && magnitude <= (<u64>1 << (bits - 1)));
    else if (signed) this.valid = magnitude <= (<u64>1 << (bits - 1)) - 1;
    else this.valid = bits == 64 || magnitude <= (<u64>1 << bits) - 1;
    return negative ? 0 - magnitude : magnitude;
  }

  /** Fails: the integer (or integer key) at byte `start`, just read, is not one of `bits` bits (`signed` or not). */
  private outOfRange(expected: string, start: i32, bits: u64, signed: bool): void {
    this.reject(expected + integerRange(bits, signed) + ", found " + this.excerpt(start, this.pos), start);
  }


  private integer<T>(orNull: bool): T {
    const start = this.pos;
    const c = this.peek();
    if (c != 0x2d && <u32>(c - 0x30) > 9) this.mismatch(Expected.Integer, orNull);
    if (!this.number()) this.syntaxError();
    const value = <T>this.integerIn(this.ptr + <usize>start, this.ptr + <usize>this.pos, <u64>sizeof<T>() << 3, isSigned<T>());
    if (!this.valid) this.outOfRange("expected an integer ", start, <u64>sizeof<T>() << 3, isSigned<T>());
    return value;
  }

  private float<T>(orNull: bool): T {
    const start = this.pos;
    let c = this.peek();
    if (c != 0x2d && <u32>(c - 0x30) > 9) this.mismatch(Expected.Number, orNull);
    if (!this.number()) {
      this.syntaxError();
      return <T>0;
    }
    // Read within the number just checked (`-01` is `-0`, then the text goes on).
    const end = this.pos;
    const size = this.size;
    this.size = end;
    this.pos = start;
    // Up to 19 significant digits in `mantissa`, scaled by 10^`exponent`.
    const negative = c == 0x2d;
    if (negative) this.pos++;
    let mantissa: u64 = 0;
    let significant = 0;
    let exponent = 0;
    let exact = true;
    let fraction = false;
    while (true) {
      c = this.peek();
      if (c == 0x2e) fraction = true;
      else if (<u32>(c - 0x30) <= 9) {
        if (significant < 19) {
          mantissa = mantissa * 10 + <u64>(c - 0x30);
          if (mantissa != 0) significant++;
          if (fraction) exponent--;
        } else {
          if (c != 0x30) exact = false;
          if (!fraction) exponent++;
        }
      } else break;
      this.pos++;
    }
    if (c == 0x65 || c == 0x45) {
      this.pos++;
      c = this.peek();
      const down = c == 0x2d;
      if (down || c == 0x2b) this.pos++;
      let e = 0;
      for (c = this.peek(); <u32>(c - 0x30) <= 9; c = this.peek()) {
        if (e < 100000) e = e * 10 + (c - 0x30);
        this.pos++;
      }
      exponent += down ? -e : e;
    }
    let value: f64;
    if (exact && significant <= 15 && exponent >= -22 && exponent <= 22) {
      // Both exact in an f64: one rounding, as a correct parser does (Clinger).
      value = <f64>mantissa;
      if (exponent < 0) value /= unchecked(POWERS_OF_TEN[-exponent]);
      else value *= unchecked(POWERS_OF_TEN[exponent]);
      if (negative) value = -value;
    } else {
      value = parseDecimal(this.ptr, start, end);
    }
    this.size = size;
    this.pos = end;
    if (sizeof<T>() == 4) {
      const narrow = <f32>value;
      if (!isFinite(narrow)) this.reject("expected a number within the range of f32, found " + this.excerpt(start, this.pos), start);
      return <T>narrow;
    }
    if (!isFinite(value)) this.reject("expected a number within the range of f64, found " + this.excerpt(start, this.pos), start);
    return <T>value;
  }

  /** Reads the string at the cursor (at its opening quote). */
  private text(): string {
    const start = this.pos + 1;
    const scanned = this.string();
    if (scanned == Scanned.Plain) return decodeUTF8(this.ptr + <usize>start, <usize>(this.pos - 1 - start));
    if (scanned == Scanned.Escaped) return decodeString(this.ptr, start, this.pos - 1);
    this.syntaxError();
    return "";
  }

  /** Moves past the value at the cursor (after white space). */
  private skip(): void {
    this.space();
    if (!this.value()) this.syntaxError();
  }

  /** Reads a value of a type this reader does not know with json-as, from the exact text of the value. */
  private delegate<T>(): T {
    const start = this.pos;
    if (!this.value()) this.syntaxError();
    if (this.failed) return changetype<T>(0);
    const text = decodeUTF8(this.ptr + <usize>start, <usize>(this.pos - start));
    // json-as 1.6.0's table of short escapes lacks "\/" (it decodes it as
    // U+0000, and PHP escapes every slash): complete it.
    store<u8>(DESERIALIZE_ESCAPE_TABLE + 0x2f, 0x2f);
    this.setContext();
    const value = JSON.parse<T>(text);
    setFailureContext(null);
    return value;
  }

  /** Names the source and type for the message of an abort inside json-as or the standard library. */
  private setContext(): void {
    setFailureContext(readSource, NOT_JSON_FOR, readTypeName);
  }

  /** Fails: the value at the cursor is not `what` (or null). */
  private mismatch(what: Expected, orNull: bool): void {
    const c = this.peek();
    const found = c == 0x6e ? "null" : c == 0x74 || c == 0x66 ? "a boolean" : c == 0x22 ? "a string" : c == 0x5b ? "an array" : c == 0x7b ? "an object" : "a number";
    this.reject("expected " + expectedName(what) + (orNull ? " or null" : "") + ", found " + found, this.pos);
  }

  /** @internal Fails: the text is not JSON (the message names its first error). */
  syntaxError(): void {
    this.reject(null, this.pos);
  }

  /**
   * Fails with `detail` about the value (or map key) at byte `at`, named by
   * its path; or, when the text has a syntax error anywhere (always, for a
   * `detail` of null), with that error: as if the whole text were checked
   * before any of it was read.
   */
  private reject(detail: string | null, at: i32): void {
    if (this.failed) return;
    let message = readSource + NOT_JSON_FOR + readTypeName + ": ";
    const syntax = checkSyntax(this.ptr, this.size);
    if (syntax !== null) message += syntax;
    else {
      // (A detail of null with no syntax error would be a bug of this reader's.)
      const what = detail !== null ? detail : "unreadable here (a bug of the PDK's JSON reader: please report it)";
      const path = pathTo(this.ptr, this.size, at);
      let where = "";
      if (path.length > 0) where = (path.charCodeAt(0) == 0x5b ? "element " : "field \"") + path + (path.charCodeAt(0) == 0x5b ? ": " : "\": ");
      message += where + what + " at byte " + decimal(at);
    }
    if (readThrows) fail(message);
    readFailure = message;
    this.failed = true;
    this.pos = this.size;
  }

  /** Up to 40 bytes of the text [start, end), for messages. */
  private excerpt(start: i32, end: i32): string {
    if (end - start <= 40) return decodeUTF8(this.ptr + <usize>start, <usize>(end - start));
    // Cut at 40 bytes, less the part of a character the cut would split (the text is valid UTF-8).
    let size = 40;
    while (size > 0 && (load<u8>(this.ptr + <usize>(start + size)) & 0xc0) == 0x80) size--;
    return decodeUTF8(this.ptr + <usize>start, <usize>size) + "...";
  }
}

/** A value of `T` that stands for nothing read: 0, or a null reference (its reader failed). */
// @ts-ignore: decorator
@inline
function nothing<T>(): T {
  if (isReference<T>()) return changetype<T>(0);
  return <T>0;
}

/** @internal The message of the last read that failed without throwing, or null. */
export function lastReadFailure(): string | null {
  return readFailure;
}

/** @internal The text between a source and a type name in messages. */
// @ts-ignore: decorator
@lazy
export const NOT_JSON_FOR = " is not valid JSON for ";

// @ts-ignore: decorator
@lazy
const READER = changetype<JsonReader>(memory.data(offsetof<JsonReader>()));

/** The range of the integers of `bits` bits (`signed` or not), for messages: `from -128 to 127`. */
function integerRange(bits: u64, signed: bool): string {
  if (signed) return "from -" + decimal(<u64>1 << (bits - 1)) + " to " + decimal((<u64>1 << (bits - 1)) - 1);
  return "from 0 to " + decimal(bits == 64 ? u64.MAX_VALUE : (<u64>1 << bits) - 1);
}

/**
 * Decodes the JSON string text [start, end) at `ptr` (valid, with escapes):
 * `\uXXXX` gives that UTF-16 unit (a lone surrogate stays one, as in
 * `JSON.parse`).
 */
function decodeString(ptr: usize, start: i32, end: i32): string {
  const str = changetype<usize>(__new(<usize>(end - start) << 1, idof<string>()));
  let out = str;
  let p = ptr + <usize>start;
  const stop = ptr + <usize>end;
  while (p < stop) {
    let run = p;
    while (run < stop && load<u8>(run) != 0x5c) run++;
    out = decodeUTF8Into(p, run - p, out);
    if (run == stop) break;
    const e = <u32>load<u8>(run + 1);
    let unit: u32 = e;
    p = run + 2;
    if (e == 0x75) {
      unit = 0;
      for (let k: usize = 0; k < 4; k++) {
        const h = <u32>load<u8>(p + k);
        unit = (unit << 4) | (h <= 0x39 ? h - 0x30 : (h | 0x20) - 0x57);
      }
      p += 4;
    } else if (e == 0x62) unit = 0x08;
    else if (e == 0x66) unit = 0x0c;
    else if (e == 0x6e) unit = 0x0a;
    else if (e == 0x72) unit = 0x0d;
    else if (e == 0x74) unit = 0x09;
    // '"', '\\' and '/' stand for themselves.
    store<u16>(out, unit);
    out += 2;
  }
  return changetype<string>(__renew(str, out - str));
}

