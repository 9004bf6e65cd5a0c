// Writes values as JSON, after checking that they hold only what JSON can
// represent: NaN and Infinity would be written as they are, which no JSON
// reader accepts (a var so written could never be read again).
//
// The PDK writes JSON itself, led by the type, as json-as's JSON.stringify
// writes it, character for character: booleans, integers, floats (with
// xjb-as, the float writer json-as uses), strings (json-as's escapes), null,
// arrays, maps with string or integer keys, and `@json` classes, through the
// method `__EXTISM_WRITE` the package's transform gives each of them
// (transform/json-fields.js). What it does not know (JSON.Value, Date, sets,
// typed arrays, a class with a custom serializer or with fields json-as
// leaves out or moves: @omitnull, @omitif...) json-as writes, in place; only
// then is json-as compiled into the plug-in.

import { JSON } from "json-as";
import { dtoa_buffered, ftoa_buffered } from "xjb-as";
import { fail } from "./fail";
import { decimal, nonFiniteName } from "./format";

/**
 * @internal `value` as JSON text. Fails the call when it holds NaN or an
 * infinity, naming `destination` and the field: `Var.setJSON('k'): field
 * "ratio" is NaN, which JSON cannot represent`. Nothing is written then.
 */
export function stringifyJSON<T>(value: T, destination: string): string {
  const problem = nonFiniteProblem<T>(value, destination);
  if (problem !== null) fail(problem);
  return writeJSON<T>(value);
}

/** @internal `value` as JSON text, exactly as json-as's `JSON.stringify<T>` writes it (NaN and infinities checked before). */
export function writeJSON<T>(value: T): string {
  // The writer at work is put back afterwards: writing may nest (a custom
  // serializer that writes JSON through the PDK).
  const w = WRITER;
  const outer = writeBuffer;
  const outerSize = w.size;
  const outerCapacity = w.capacity;
  writeBuffer = changetype<string>(__new(64, idof<string>()));
  w.size = 0;
  w.capacity = 64;
  w.value<T>(value);
  const text = changetype<string>(__renew(changetype<usize>(writeBuffer), w.size));
  writeBuffer = outer;
  w.size = outerSize;
  w.capacity = outerCapacity;
  return text;
}

// The text the writer at work writes: a global, so that the collector sees it.
// @ts-ignore: decorator
@lazy
let writeBuffer: string = "";

/**
 * Writes JSON text as UTF-16 into a string that grows as needed
 * (`writeBuffer`). Methods the transform's `__EXTISM_WRITE` calls: `raw`,
 * `field`. Unmanaged, and one for the whole program (in static memory), so
 * that its methods keep no `this` on the shadow stack.
 */
@unmanaged
export class JsonWriter {
  size: usize;
  capacity: usize;

  /**
   * A value where json-as's `JSON.stringify` or `JSON.__serialize` writes
   * one: the whole value, and a map's values. (A `usize` 0 is `null` there,
   * as json-as has it; not in an array or a field.)
   */
  value<T>(value: T): void {
    if (isInteger<T>() && !isBoolean<T>() && nameof<T>() == "usize") {
      if (value == 0) this.raw("null");
      else this.integer<T>(value);
    } else this.field<T>(value);
  }

  /** A field's value, or an array's element. */
  field<T>(value: T): void {
    if (isBoolean<T>()) this.raw(value ? "true" : "false");
    else if (isInteger<T>()) this.integer<T>(value);
    else if (isFloat<T>()) this.float<T>(value);
    else if (isNullable<T>() && changetype<usize>(value) == 0) this.raw("null");
    else if (isString<T>()) this.string(changetype<string>(value));
    // @ts-ignore: defined by the package's transform on @json classes
    else if (isDefined(value.__EXTISM_WRITE)) changetype<nonnull<T>>(value).__EXTISM_WRITE<JsonWriter>(this);
    else if (value instanceof Array) {
      const array = changetype<nonnull<T>>(value);
      this.raw("[");
      for (let i = 0, n = array.length; i < n; i++) {
        if (i > 0) this.raw(",");
        // @ts-ignore: an array's element type
        this.field<valueof<T>>(unchecked(array[i]));
      }
      this.raw("]");
    } else if (value instanceof Map && (isString<indexof<T>>() || (isInteger<indexof<T>>() && !isBoolean<indexof<T>>() && nameof<indexof<T>>() != "usize"))) {
      const map = changetype<nonnull<T>>(value);
      // @ts-ignore: a Map's key type
      const keys = map.keys();
      this.raw("{");
      for (let i = 0, n = keys.length; i < n; i++) {
        if (i > 0) this.raw(",");
        const key = unchecked(keys[i]);
        // @ts-ignore: a Map's key type
        if (isString<indexof<T>>()) this.string(changetype<string>(key));
        else {
          this.raw("\"");
          // @ts-ignore: a Map's key type
          this.integer<indexof<T>>(key);
          this.raw("\"");
        }
        this.raw(":");
        // @ts-ignore: a Map's value type
        this.value<valueof<T>>(map.get(key));
      }
      this.raw("}");
    } else this.json<T>(value);
  }

  /** `value` as json-as writes it (a class the PDK does not write itself, and its subclasses). */
  json<T>(value: T): void {
    this.raw(JSON.stringify<T>(value));
  }

  /** `text` as it is. */
  raw(text: string): void {
    const bytes = <usize>text.length << 1;
    this.reserve(bytes);
    memory.copy(changetype<usize>(writeBuffer) + this.size, changetype<usize>(text), bytes);
    this.size += bytes;
  }

  /** An integer in decimal. */
  private integer<T>(value: T): void {
    let magnitude: u64;
    if (isSigned<T>() && value < 0) {
      this.raw("-");
      magnitude = 0 - <u64>(<i64>value);
    } else magnitude = <u64>value;
    let digits: usize = 1;
    for (let m = magnitude; m >= 10; m /= 10) digits++;
    this.reserve(digits << 1);
    const at = changetype<usize>(writeBuffer) + this.size;
    for (let i = digits; i > 0; i--) {
      store<u16>(at + ((i - 1) << 1), <u16>(0x30 + magnitude % 10));
      magnitude /= 10;
    }
    this.size += digits << 1;
  }

  /** A finite float, as xjb-as writes it (the shortest form that reads back the same). */
  private float<T>(value: T): void {
    this.reserve(128);
    const at = changetype<usize>(writeBuffer) + this.size;
    const chars = sizeof<T>() == 4 ? ftoa_buffered(at, <f32>value) : dtoa_buffered(at, <f64>value);
    this.size += <usize>chars << 1;
  }

  /**
   * A string, quoted, escaped as json-as escapes it: `\"`, `\\`, `\b`, `\t`,
   * `\n`, `\f`, `\r`, other control characters and lone surrogates as
   * `\u` and four lower-case hex digits.
   */
  private string(s: string): void {
    const start = changetype<usize>(s);
    const end = start + (<usize>s.length << 1);
    this.reserve((<usize>s.length << 1) + 4);
    store<u16>(changetype<usize>(writeBuffer) + this.size, 0x22);
    this.size += 2;
    let run = start;
    let p = start;
    while (p < end) {
      const c = <u32>load<u16>(p);
      p += 2;
      if (c >= 0x20 && c != 0x22 && c != 0x5c && (c < 0xd800 || c > 0xdfff)) continue;
      if (c >= 0xd800 && c <= 0xdbff && p < end) {
        const next = <u32>load<u16>(p);
        if (next >= 0xdc00 && next <= 0xdfff) {
          p += 2;
          continue;
        }
      }
      this.copy(run, p - 2);
      run = p;
      if (c == 0x22) this.raw("\\\"");
      else if (c == 0x5c) this.raw("\\\\");
      else if (c == 0x08) this.raw("\\b");
      else if (c == 0x09) this.raw("\\t");
      else if (c == 0x0a) this.raw("\\n");
      else if (c == 0x0c) this.raw("\\f");
      else if (c == 0x0d) this.raw("\\r");
      else {
        this.reserve(12);
        const at = changetype<usize>(writeBuffer) + this.size;
        store<u16>(at, 0x5c);
        store<u16>(at, 0x75, 2);
        for (let k: usize = 0; k < 4; k++) {
          const d = (c >> <u32>(12 - (k << 2))) & 15;
          store<u16>(at + 4 + (k << 1), <u16>(d < 10 ? 0x30 + d : 0x57 + d));
        }
        this.size += 12;
      }
    }
    this.copy(run, end);
    this.reserve(2);
    store<u16>(changetype<usize>(writeBuffer) + this.size, 0x22);
    this.size += 2;
  }

  /** The UTF-16 units [from, to) as they are. */
  private copy(from: usize, to: usize): void {
    const bytes = to - from;
    this.reserve(bytes);
    memory.copy(changetype<usize>(writeBuffer) + this.size, from, bytes);
    this.size += bytes;
  }

  /** Room for `bytes` more. */
  private reserve(bytes: usize): void {
    const needed = this.size + bytes;
    if (needed <= this.capacity) return;
    let capacity = this.capacity << 1;
    if (capacity < needed) capacity = needed;
    writeBuffer = changetype<string>(__renew(changetype<usize>(writeBuffer), capacity));
    this.capacity = capacity;
  }
}

// @ts-ignore: decorator
@lazy
const WRITER = changetype<JsonWriter>(memory.data(offsetof<JsonWriter>()));

/**
 * @internal Null when `value` holds no NaN and no infinity, else the message
 * `stringifyJSON` fails with.
 */
export function nonFiniteProblem<T>(value: T, destination: string): string | null {
  // No allocation on the way: for a type that cannot hold a float, all of
  // this folds to `return null` at compile time.
  const finder = FINDER;
  nonFinitePath = "";
  if (!finder.found<T>(value)) return null;
  const path = nonFinitePath;
  const where = path.length == 0 ? "the value" : path.charCodeAt(0) == 0x5b ? "element " + path : 'field "' + path + '"';
  return destination + ": " + where + " is " + nonFiniteName(finder.value) + ", which JSON cannot represent";
}

/** Where the value `NonFiniteFinder` found is: `items[2].ratio`. */
// @ts-ignore: decorator
@lazy
let nonFinitePath: string = "";

/**
 * Looks for NaN and infinities in a value; only types that can hold a float
 * are walked. Unmanaged, and one for the whole program (in static memory).
 */
@unmanaged
class NonFiniteFinder {
  /** The value found. */
  value: f64;

  /** Whether `value` holds NaN or an infinity (then `path` and `value` say where and which). */
  found<T>(value: T): bool {
    if (isFloat<T>()) {
      if (isFinite(value)) return false;
      this.value = <f64>value;
      return true;
    }
    if (!mayHoldFloats<T>()) return false;
    if (isNullable<T>()) {
      if (changetype<usize>(value) == 0) return false;
      return this.found<nonnull<T>>(changetype<nonnull<T>>(value));
    }
    // @ts-ignore: defined by this package's transform
    if (isDefined(value.__EXTISM_NONFINITE)) return value.__EXTISM_NONFINITE<NonFiniteFinder>(this);
    if (value instanceof Array || value instanceof StaticArray || value instanceof Float32Array || value instanceof Float64Array) {
      // @ts-ignore: an array's element type
      if (!mayHoldFloats<valueof<T>>()) return false;
      for (let i = 0; i < value.length; i++) {
        // @ts-ignore: an array's element type
        if (this.found<valueof<T>>(unchecked(value[i]))) return this.within("[" + decimal(i) + "]");
      }
      return false;
    }
    if (value instanceof Set) {
      // @ts-ignore: a Set's element type
      if (!mayHoldFloats<indexof<T>>()) return false;
      const values = value.values();
      for (let i = 0; i < values.length; i++) {
        // @ts-ignore: a Set's element type
        if (this.found<indexof<T>>(unchecked(values[i]))) return this.within("[" + decimal(i) + "]");
      }
      return false;
    }
    if (value instanceof Map) {
      // @ts-ignore: a Map's value type
      if (!mayHoldFloats<valueof<T>>()) return false;
      const keys = value.keys();
      for (let i = 0; i < keys.length; i++) {
        const key = unchecked(keys[i]);
        // @ts-ignore: a Map's key and value types
        if (this.found<valueof<T>>(value.get(key))) return this.within(isString<indexof<T>>() ? changetype<string>(key) : key.toString());
      }
      return false;
    }
    return false;
  }

  /** Whether field `key` (its JSON name), holding `value`, holds NaN or an infinity. */
  @inline
  field<F>(value: F, key: string): bool {
    if (!isFloat<F>() && !mayHoldFloats<F>()) return false;
    return this.found<F>(value) && this.within(key);
  }

  /** Puts `segment` in front of the path; returns true. */
  private within(segment: string): bool {
    const path = nonFinitePath;
    nonFinitePath = path.length == 0 || path.charCodeAt(0) == 0x5b ? segment + path : segment + "." + path;
    return true;
  }
}

// @ts-ignore: decorator
@lazy
const FINDER = changetype<NonFiniteFinder>(memory.data(offsetof<NonFiniteFinder>()));

/** Whether a value of `T` can hold a float: a float, or a reference type other than a string. */
// @ts-ignore: decorator
@inline
function mayHoldFloats<T>(): bool {
  return isFloat<T>() || (isReference<T>() && !isString<T>());
}
