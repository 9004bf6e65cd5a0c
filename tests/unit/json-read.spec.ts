// Reading JSON into typed values (assembly/json-read.ts, through json.ts's
// parseJSON): the values read, and the exact message of every mismatch. (@json classes need the
// package's transform: the integration tests cover them.)
import { parseJSON } from "../../assembly/json";
import { lastAbort } from "./kernel";

// AssemblyScript closures cannot capture locals: what a `toThrow` callback uses lives here.
let document: string = "";

function bytesOf(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

function read<T>(text: string): T {
  const bytes = bytesOf(text);
  return parseJSON<T>(changetype<usize>(bytes), bytes.byteLength, "the input");
}

/** The message that fails the call when reading `text` as a `T` fails. */
function failure<T>(text: string): string {
  document = text;
  expect(() => {
    read<T>(document);
  }).toThrow(text);
  const message = lastAbort();
  return message === null ? "(no abort)" : message;
}

describe("reading integers", () => {
  it("reads every width at its limits and refuses one past them, naming the range", () => {
    expect(read<i8>("-128")).toBe(-128);
    expect(read<i8>("127")).toBe(127);
    expect(read<u8>("255")).toBe(255);
    expect(read<i16>("-32768")).toBe(-32768);
    expect(read<u16>("65535")).toBe(65535);
    expect(read<i32>("-2147483648")).toBe(-2147483648);
    expect(read<u32>("4294967295")).toBe(4294967295);
    expect(read<i64>("-9223372036854775808")).toBe(i64.MIN_VALUE);
    expect(read<i64>("9223372036854775807")).toBe(i64.MAX_VALUE);
    expect(read<u64>("18446744073709551615")).toBe(u64.MAX_VALUE);
    expect(read<u32>("-0")).toBe(0);
    expect(failure<i8>("-129")).toBe("the input is not valid JSON for i8: expected an integer from -128 to 127, found -129 at byte 0");
    expect(failure<i8>("128")).toBe("the input is not valid JSON for i8: expected an integer from -128 to 127, found 128 at byte 0");
    expect(failure<u8>("256")).toBe("the input is not valid JSON for u8: expected an integer from 0 to 255, found 256 at byte 0");
    expect(failure<u16>("-1")).toBe("the input is not valid JSON for u16: expected an integer from 0 to 65535, found -1 at byte 0");
    expect(failure<i32>("2147483648")).toBe("the input is not valid JSON for i32: expected an integer from -2147483648 to 2147483647, found 2147483648 at byte 0");
    expect(failure<i64>("9223372036854775808")).toBe("the input is not valid JSON for i64: expected an integer from -9223372036854775808 to 9223372036854775807, found 9223372036854775808 at byte 0");
    expect(failure<u64>("18446744073709551616")).toBe("the input is not valid JSON for u64: expected an integer from 0 to 18446744073709551615, found 18446744073709551616 at byte 0");
    expect(failure<u64>("99999999999999999999999")).toBe("the input is not valid JSON for u64: expected an integer from 0 to 18446744073709551615, found 99999999999999999999999 at byte 0");
  });

  it("reads an integer with white space around it as that integer", () => {
    expect(read<i32>("21\n")).toBe(21);
    expect(read<i32>(" \t\r\n-7 \t\r\n")).toBe(-7);
    expect(read<u64>("18446744073709551615\n")).toBe(u64.MAX_VALUE);
  });

  it("refuses a fraction or an exponent, and a value of another kind", () => {
    expect(failure<i32>("1.0")).toBe("the input is not valid JSON for i32: expected an integer from -2147483648 to 2147483647, found 1.0 at byte 0");
    expect(failure<i32>("1e2")).toBe("the input is not valid JSON for i32: expected an integer from -2147483648 to 2147483647, found 1e2 at byte 0");
    expect(failure<i32>(" [1]")).toBe("the input is not valid JSON for i32: expected an integer, found an array at byte 1");
    expect(failure<i32>("null")).toBe("the input is not valid JSON for i32: expected an integer, found null at byte 0");
  });
});

describe("reading floats", () => {
  it("reads what JSON.parse reads, to the last bit", () => {
    expect(read<f64>("0.1")).toBe(0.1);
    expect(read<f64>("-0")).toBe(-0.0);
    expect(1 / read<f64>("-0")).toBe(-Infinity);
    expect(read<f64>("1E+2")).toBe(100);
    expect(read<f64>("123456789012345678901234567890")).toBe(1.2345678901234568e29);
    expect(read<f64>("2.2250738585072014e-308")).toBe(2.2250738585072014e-308);
    expect(read<f64>("5e-324")).toBe(5e-324);
    expect(read<f64>("1.7976931348623157e308")).toBe(1.7976931348623157e308);
    expect(read<f64>("0.30000000000000004")).toBe(0.30000000000000004);
    expect(read<f32>("3.4028234663852886e38")).toBe(f32.MAX_VALUE);
    expect(read<f32>("0.1")).toBe(<f32>0.1);
  });

  it("refuses a number outside the range of the type instead of reading an infinity", () => {
    expect(failure<f32>("3.4e39")).toBe("the input is not valid JSON for f32: expected a number within the range of f32, found 3.4e39 at byte 0");
    expect(failure<f64>("-1e309")).toBe("the input is not valid JSON for f64: expected a number within the range of f64, found -1e309 at byte 0");
    expect(failure<f64>('"1"')).toBe("the input is not valid JSON for f64: expected a number, found a string at byte 0");
  });
});

describe("reading strings", () => {
  it("decodes every escape, a backslash at the end included", () => {
    expect(read<string>('"C:\\\\"')).toBe("C:\\");
    expect(read<string>('"a\\/b \\u0000 \\" \\\\ \\b \\f \\n \\r \\t \\u00e9 \\ud83c\\udf89"')).toBe('a/b \u0000 " \\ \b \f \n \r \t é 🎉');
    expect(read<string>('"\\ud800"').charCodeAt(0)).toBe(0xd800);
    expect(read<string[]>('["C:\\\\", "x"]')).toStrictEqual(["C:\\", "x"]);
  });
});

describe("reading containers", () => {
  it("names the element or field of a mismatch, and its byte", () => {
    expect(failure<string[]>('["a", 2]')).toBe("the input is not valid JSON for string[]: element [1]: expected a string, found a number at byte 6");
    expect(failure<u8[]>("[1, 2, 256]")).toBe("the input is not valid JSON for u8[]: element [2]: expected an integer from 0 to 255, found 256 at byte 7");
    expect(failure<i32[][]>("[[1], [2, true]]")).toBe("the input is not valid JSON for i32[][]: element [1][1]: expected an integer, found a boolean at byte 10");
    expect(failure<Map<string, bool>>('{"a": true, "b": 0}')).toBe('the input is not valid JSON for Map<string, bool>: field "b": expected a boolean, found a number at byte 17');
    expect(failure<Map<string, string[]>>('{"a": ["x", {}]}')).toBe('the input is not valid JSON for Map<string, string[]>: field "a[1]": expected a string, found an object at byte 12');
    expect(failure<Map<i16, bool>>('{"1": true, "x": false}')).toBe('the input is not valid JSON for Map<i16, bool>: field "x": expected a key that is an integer from -32768 to 32767, found "x" at byte 12');
    expect(failure<Map<string, i32>>("[]")).toBe("the input is not valid JSON for Map<string, i32>: expected an object, found an array at byte 0");
  });

  it("reads nullable elements and values, null included", () => {
    const list = read<Array<string | null>>('["a", null]');
    expect(list.length).toBe(2);
    expect(list[1]).toBeNull();
    expect(failure<Array<string | null>>("[1]")).toBe("the input is not valid JSON for (string | null)[]: element [0]: expected a string or null, found a number at byte 1");
    const map = read<Map<i32, Array<i32> | null>>('{"-2": null, "3": [4]}');
    expect(map.get(-2)).toBeNull();
    expect(map.get(3)![0]).toBe(4);
  });

  it("keeps the last of duplicate keys, as JSON.parse does", () => {
    expect(read<Map<string, i32>>('{"a": 1, "a": 2}').get("a")).toBe(2);
  });
});

describe("reading floats the fast path cannot take", () => {
  it("rounds long mantissas, large exponents and subnormals correctly (AssemblyScript's f64.parse does not)", () => {
    // Expected values: what JSON.parse reads (written out by node).
    expect(read<f64>("20937647456256000e23")).toBe(2.0937647456256e39);
    expect(read<f64>("2.8464152156322599732e20")).toBe(2.84641521563226e20);
    expect(read<f64>("171034927628939E-323")).toBe(1.71034927628939e-309);
    expect(read<f64>("1167560580503477152813936894954912612350")).toBe(1.1675605805034771e39);
    expect(read<f64>("9007199254740993")).toBe(9007199254740992);
    expect(read<f64>("9007199254740995")).toBe(9007199254740996);
    expect(read<f64>("2.4703282292062327e-324")).toBe(0);
    expect(read<f64>("2.4703282292062328e-324")).toBe(5e-324);
    expect(read<f64>("1.7976931348623158e308")).toBe(1.7976931348623157e308);
    expect(read<f64>("0." + "0".repeat(400) + "1e410")).toBe(1e9);
    expect(read<f64>("1" + "0".repeat(900) + "e-890")).toBe(1e10);
    expect(read<f64>("4.9406564584124654e-324")).toBe(5e-324);
  });

  it("refuses a number that rounds past the largest double", () => {
    expect(failure<f64>("1.7976931348623159e308")).toBe("the input is not valid JSON for f64: expected a number within the range of f64, found 1.7976931348623159e308 at byte 0");
  });
});

describe("reading map keys", () => {
  it("reads an integer key written with escapes, as JSON.parse reads the key", () => {
    const map = read<Map<i32, bool>>('{"\\u0035\\u0034": true, "-\\u0031": false}');
    expect(map.get(54)).toBe(true);
    expect(map.get(-1)).toBe(false);
    expect(failure<Map<u8, bool>>('{"\\u0032\\u0035\\u0036": true}')).toBe('the input is not valid JSON for Map<u8, bool>: field "\\u0032\\u0035\\u0036": expected a key that is an integer from 0 to 255, found "\\u0032\\u0035\\u0036" at byte 1');
  });
});

describe("reading dates", () => {
  it("reads RFC 3339 date-times and dates to the instant they name", () => {
    expect(read<Date>('"2024-01-31T12:00:00Z"').getTime()).toBe(1706702400000);
    expect(read<Date>('"2024-01-31T12:00:00+01:00"').getTime()).toBe(1706698800000);
    expect(read<Date>('"2024-01-31t12:00:00.1239z"').getTime()).toBe(1706702400123, "digits past the millisecond dropped");
    expect(read<Date>('"1969-12-31T23:59:59.999-00:30"').getTime()).toBe(1799999);
    expect(read<Date>('"2024-02-29"').getTime()).toBe(1709164800000, "a date alone: midnight UTC");
  });

  it("refuses text that names no instant, instead of making one up", () => {
    const expected = (found: string, at: i32 = 0): string =>
      'the input is not valid JSON for Date: expected a date (RFC 3339, such as "2024-01-31T12:00:00Z", or "2024-01-31"), found ' + found + " at byte " + at.toString();
    expect(failure<Date>('"garbage"')).toBe(expected('"garbage"'));
    expect(failure<Date>('"2024-13-01T00:00:00Z"')).toBe(expected('"2024-13-01T00:00:00Z"'));
    expect(failure<Date>('"2023-02-29"')).toBe(expected('"2023-02-29"'));
    expect(failure<Date>('"2024-01-31T24:00:00Z"')).toBe(expected('"2024-01-31T24:00:00Z"'));
    expect(failure<Date>('"2024-01-31T12:00:60Z"')).toBe(expected('"2024-01-31T12:00:60Z"'));
    expect(failure<Date>('"2024-01-31T12:00:00"')).toBe(expected('"2024-01-31T12:00:00"'), "no offset: no instant");
    expect(failure<Date>('"2024-01-31T12:00:00+1:00"')).toBe(expected('"2024-01-31T12:00:00+1:00"'));
    expect(failure<Date>('["2024-01-31", "x"]')).toBe("the input is not valid JSON for Date: expected a string, found an array at byte 0");
  });
});

describe("checking the syntax while reading", () => {
  it("names a syntax error anywhere in the text before a value that does not fit (broken JSON first)", () => {
    // The mismatch (a string for an i32) comes first in the text, the syntax error after it.
    expect(failure<i32[]>('["x", 1,]')).toBe("the input is not valid JSON for i32[]: unexpected character ']' at byte 8");
    expect(failure<Map<string, i32>>('{"a": "x", "b": 01}')).toBe("the input is not valid JSON for Map<string, i32>: expected ',' or '}' at byte 17");
    expect(failure<i32>('"x" trailing')).toBe("the input is not valid JSON for i32: unexpected text after the value at byte 4");
    // Without the syntax error, the mismatch.
    expect(failure<i32[]>('["x", 1]')).toBe("the input is not valid JSON for i32[]: element [0]: expected an integer, found a string at byte 1");
  });

  it("refuses, in a value it reads, every syntax error the check alone refuses", () => {
    expect(failure<string>('"tab\there"')).toBe("the input is not valid JSON for string: control character in a string at byte 4");
    expect(failure<string>('"\\x"')).toBe("the input is not valid JSON for string: bad escape at byte 2");
    expect(failure<string>('"open')).toBe("the input is not valid JSON for string: unterminated string at byte 5");
    expect(failure<bool>("tru")).toBe("the input is not valid JSON for bool: unexpected end at byte 3");
    expect(failure<bool>("falsy")).toBe("the input is not valid JSON for bool: unexpected character 'y' at byte 4");
    expect(failure<string | null>("nul!")).toBe("the input is not valid JSON for string | null: unexpected character '!' at byte 3");
    expect(failure<i32>("-")).toBe("the input is not valid JSON for i32: bad number at byte 1");
    expect(failure<f64>("-01.5")).toBe("the input is not valid JSON for f64: unexpected text after the value at byte 2");
    expect(failure<f64>("1.e5")).toBe("the input is not valid JSON for f64: bad number at byte 2");
    expect(failure<i32[]>("[1 2]")).toBe("the input is not valid JSON for i32[]: expected ',' or ']' at byte 3");
    expect(failure<Map<string, i32>>('{"a" 1}')).toBe("the input is not valid JSON for Map<string, i32>: expected ':' at byte 5");
    expect(failure<Map<string, i32>>('{"a"x1}')).toBe("the input is not valid JSON for Map<string, i32>: expected ':' at byte 4");
    expect(failure<Map<string, i32>>("{a: 1}")).toBe("the input is not valid JSON for Map<string, i32>: expected a property name at byte 1");
    expect(failure<Map<string, i32>>('{"a": 1,}')).toBe("the input is not valid JSON for Map<string, i32>: expected a property name at byte 8");
    expect(failure<i32[][]>("[".repeat(513) + "]".repeat(513))).toBe("the input is not valid JSON for i32[][]: nested deeper than 512 levels at byte 512");
  });
});
