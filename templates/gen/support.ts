// AssemblyScript support code that `extism-as gen` copies into the pdk.ts it
// writes (src/gen/emit.ts): the sections a schema needs, between the
// `//#section NAME` and `//#end` lines, which are left out of the copy.
// It is plug-in code: it builds with the project's preset like pdk.ts itself.

//#section check
// Checks of what the PDK's JSON reader does not check itself: required
// fields that the JSON left out, strings that are none of an enum's values,
// dates and base64 that are not what the schema says. Each check returns
// null, or what is wrong; `problemPath` then says where (`items[2].kind`).

let problemPath: string = "";

/** @internal Puts `segment` (a field's name, a map's key or `[i]`) in front of the path of `problem`; returns `problem`. */
export function __xtpWithin(segment: string, problem: string | null): string | null {
  if (problem === null) return null;
  const path = problemPath;
  problemPath = path.length == 0 || path.charCodeAt(0) == 0x5b ? segment + path : segment + "." + path;
  return problem;
}

/**
 * @internal What is wrong with `value`, or null. `reading`: it was just read
 * (then required fields must have been in the JSON); otherwise it is about to
 * be written.
 */
export function __xtpCheck<T>(value: T, reading: bool): string | null {
  if (!isReference<T>() || isString<T>()) return null;
  if (isNullable<T>()) {
    if (changetype<usize>(value) == 0) return null;
    return __xtpCheck<nonnull<T>>(changetype<nonnull<T>>(value), reading);
  }
  // @ts-ignore: defined by the generated classes
  if (isDefined(value.__xtpValidate)) return value.__xtpValidate(reading);
  if (value instanceof Array) {
    for (let i = 0; i < value.length; i++) {
      // @ts-ignore: an array's element type
      const problem = __xtpCheck<valueof<T>>(unchecked(value[i]), reading);
      if (problem !== null) return __xtpWithin("[" + i.toString() + "]", problem);
    }
    return null;
  }
  if (value instanceof Map) {
    const keys = value.keys();
    for (let i = 0; i < keys.length; i++) {
      const key = unchecked(keys[i]);
      // @ts-ignore: a map's value type
      const problem = __xtpCheck<valueof<T>>(value.get(key), reading);
      if (problem !== null) return __xtpWithin(key, problem);
    }
  }
  return null;
}

/** @internal The message for what is wrong with `value` (`source is not valid JSON for T: field "x": ...`), or null. */
export function __xtpProblem<T>(value: T, reading: bool, source: string, typeName: string): string | null {
  problemPath = "";
  const problem = __xtpCheck<T>(value, reading);
  if (problem === null) return null;
  const path = problemPath;
  problemPath = "";
  let where = "";
  if (path.length > 0) where = path.charCodeAt(0) == 0x5b ? "element " + path + ": " : 'field "' + path + '": ';
  return source + (reading ? " is not valid JSON for " : " is not valid for ") + typeName + ": " + where + problem;
}

/**
 * @internal For a plug-in function's input: fails the call (Host.setError)
 * and returns true when `value` is not what the schema says.
 */
export function __xtpRejectInput<T>(value: T, typeName: string): bool {
  const problem = __xtpProblem<T>(value, true, "the input", typeName);
  if (problem === null) return false;
  Host.setError(problem);
  return true;
}

/** @internal For a plug-in function's result: fails the call (Host.setError) when `value` is not what the schema says. */
export function __xtpCheckResult<T>(value: T, typeName: string): void {
  const problem = __xtpProblem<T>(value, false, "the result", typeName);
  if (problem !== null) Host.setError(problem);
}

/** @internal For a host function's argument (`reading` false) or result (true): fails the call when it is not what the schema says. */
export function __xtpCheckHost<T>(value: T, reading: bool, what: string, typeName: string): void {
  const problem = __xtpProblem<T>(value, reading, what, typeName);
  if (problem !== null) throw new Error(problem);
}

/** @internal The problem of a required field that the JSON left out. */
export const __XTP_MISSING = "required, but missing";

/** @internal `text` in quotes, shortened to 40 characters, for messages. */
export function __xtpExcerpt(text: string): string {
  return text.length > 40 ? text.substring(0, 40) + "..." : text;
}

/** @internal The string JSON text `data` holds, or null when it holds another value. */
export function __xtpJsonString(data: string): string | null {
  return data.length > 0 && data.charCodeAt(0) == 0x22 ? JSON.parse<string>(data) : null;
}
//#end

//#section date-time
/**
 * A `date-time` of the schema (RFC 3339): a `Date` (UTC, to the
 * millisecond). Read from JSON such as `"2024-01-31T12:00:00+01:00"`;
 * written as `"2024-01-31T11:00:00.000Z"`: the same instant, in UTC. Digits
 * after the milliseconds are dropped; text that is not RFC 3339 fails the
 * call. Years 0000 to 9999.
 */
@json
export class DateTime extends Date {
  /** When reading failed: the JSON text. */
  private invalid: string | null = null;

  /** The instant `epochMilliseconds` after 1970-01-01T00:00:00Z. */
  constructor(epochMilliseconds: i64) {
    super(epochMilliseconds);
  }

  /** The instant of `date`. */
  static fromDate(date: Date): DateTime {
    return new DateTime(date.getTime());
  }

  /** The instant that the RFC 3339 date-time `text` names, or null when `text` is not one (or a leap second). */
  static parse(text: string): DateTime | null {
    // A date-time: the PDK's reader also takes a date alone, which this format does not.
    if (text.length < 20) return null;
    const millis = parseDateMillis(text);
    return millis == i64.MIN_VALUE ? null : new DateTime(millis);
  }

  /** @internal */
  __xtpValidate(reading: bool): string | null {
    const invalid = this.invalid;
    if (invalid !== null) return "expected a date-time (RFC 3339, such as \"2024-01-31T12:00:00Z\"), found " + __xtpExcerpt(invalid);
    const year = this.getUTCFullYear();
    if (year < 0 || year > 9999) return "the date-time " + this.toISOString() + " is outside the years 0000 to 9999 that RFC 3339 can write";
    return null;
  }

  @serializer("any")
  serializer(self: DateTime): string {
    return "\"" + self.toISOString() + "\"";
  }

  @deserializer("any")
  deserializer(data: string): DateTime {
    const text = __xtpJsonString(data);
    if (text !== null) {
      const date = DateTime.parse(text);
      if (date !== null) return date;
    }
    const invalid = new DateTime(0);
    invalid.invalid = data;
    return invalid;
  }
}

//#end

//#section bytes
/**
 * Bytes that JSON holds as base64 text (RFC 4648, with padding): the schema's
 * `buffer` and `string` of format `byte`. A `Uint8Array`; text that is not
 * base64 fails the call.
 */
@json
export class Bytes extends Uint8Array {
  /** When reading failed: the JSON text. */
  private invalid: string | null = null;

  /** `length` zero bytes. */
  constructor(length: i32 = 0) {
    super(length);
  }

  /** A copy of `data`. */
  static fromBytes(data: Uint8Array): Bytes {
    const bytes = new Bytes(data.length);
    memory.copy(bytes.dataStart, data.dataStart, <usize>data.length);
    return bytes;
  }

  /** The bytes that the base64 `text` (RFC 4648, standard alphabet, with padding) holds, or null when it is not base64. */
  static fromBase64(text: string): Bytes | null {
    const n = text.length;
    if (n % 4 != 0) return null;
    let padding = 0;
    if (n > 0 && text.charCodeAt(n - 1) == 0x3d) padding = n > 1 && text.charCodeAt(n - 2) == 0x3d ? 2 : 1;
    const bytes = new Bytes((n / 4) * 3 - padding);
    let out = 0;
    for (let i = 0; i < n; i += 4) {
      const a = sextet(text.charCodeAt(i));
      const b = sextet(text.charCodeAt(i + 1));
      const last = i + 4 == n;
      const c = last && padding == 2 ? 0 : sextet(text.charCodeAt(i + 2));
      const d = last && padding >= 1 ? 0 : sextet(text.charCodeAt(i + 3));
      if ((a | b | c | d) < 0) return null;
      const word = (a << 18) | (b << 12) | (c << 6) | d;
      unchecked((bytes[out++] = <u8>(word >> 16)));
      if (out < bytes.length) unchecked((bytes[out++] = <u8>(word >> 8)));
      if (out < bytes.length) unchecked((bytes[out++] = <u8>word));
      // Bits that padding drops must be zero (canonical base64).
      if (last && ((padding == 2 && (b & 0xf) != 0) || (padding == 1 && (c & 0x3) != 0))) return null;
    }
    return bytes;
  }

  /** The bytes as base64 text (RFC 4648, standard alphabet, with padding). */
  toBase64(): string {
    const n = this.length;
    const alphabet = BASE64;
    let text = "";
    for (let i = 0; i < n; i += 3) {
      const a = <i32>unchecked(this[i]);
      const b = i + 1 < n ? <i32>unchecked(this[i + 1]) : 0;
      const c = i + 2 < n ? <i32>unchecked(this[i + 2]) : 0;
      const word = (a << 16) | (b << 8) | c;
      text += alphabet.charAt(word >> 18) + alphabet.charAt((word >> 12) & 63);
      text += i + 1 < n ? alphabet.charAt((word >> 6) & 63) : "=";
      text += i + 2 < n ? alphabet.charAt(word & 63) : "=";
    }
    return text;
  }

  /** @internal */
  __xtpValidate(reading: bool): string | null {
    const invalid = this.invalid;
    return invalid === null ? null : "expected base64 (RFC 4648, with padding), found " + __xtpExcerpt(invalid);
  }

  @serializer("any")
  serializer(self: Bytes): string {
    return "\"" + self.toBase64() + "\"";
  }

  @deserializer("any")
  deserializer(data: string): Bytes {
    const text = __xtpJsonString(data);
    if (text !== null) {
      const bytes = Bytes.fromBase64(text);
      if (bytes !== null) return bytes;
    }
    const invalid = new Bytes(0);
    invalid.invalid = data;
    return invalid;
  }
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The value of base64 digit `c`, or -1. */
function sextet(c: i32): i32 {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c == 0x2b) return 62;
  if (c == 0x2f) return 63;
  return -1;
}
//#end
