// Writes values as JSON with json-as, after checking that they hold only
// what JSON can represent: json-as would write NaN and Infinity as they are,
// which no JSON reader accepts (a var so written could never be read again).

import { JSON } from "json-as";
import { decimal, nonFiniteName } from "./format";

/**
 * @internal `value` as JSON text. Fails the call when it holds NaN or an
 * infinity, naming `destination` and the field: `Var.setJSON('k'): field
 * "ratio" is NaN, which JSON cannot represent`. Nothing is written then.
 */
export function stringifyJSON<T>(value: T, destination: string): string {
  const problem = nonFiniteProblem<T>(value, destination);
  if (problem !== null) throw new Error(problem);
  return JSON.stringify<T>(value);
}

/**
 * @internal Null when `value` holds no NaN and no infinity, else the message
 * `stringifyJSON` fails with.
 */
export function nonFiniteProblem<T>(value: T, destination: string): string | null {
  const finder = new NonFiniteFinder();
  if (!finder.found<T>(value)) return null;
  const path = finder.path;
  const where = path.length == 0 ? "the value" : path.charCodeAt(0) == 0x5b ? "element " + path : 'field "' + path + '"';
  return destination + ": " + where + " is " + nonFiniteName(finder.value) + ", which JSON cannot represent";
}

/** Looks for NaN and infinities in a value; only types that can hold a float are walked. */
class NonFiniteFinder {
  /** Where the value found is: `items[2].ratio`. */
  path: string = "";
  value: f64 = 0;

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
    const path = this.path;
    this.path = path.length == 0 || path.charCodeAt(0) == 0x5b ? segment + path : segment + "." + path;
    return true;
  }
}

/** Whether a value of `T` can hold a float: a float, or a reference type other than a string. */
// @ts-ignore: decorator
@inline
function mayHoldFloats<T>(): bool {
  return isFloat<T>() || (isReference<T>() && !isString<T>());
}
