// The checks that run before json-as parses anything: UTF-8, RFC 8259
// syntax (with the byte of the first error), and the shape of the target.
import { checkShape, checkSyntax, Kind, parseShape, Shape } from "../../assembly/json-check";

function syntax(text: string): string | null {
  const bytes = String.UTF8.encode(text);
  return checkSyntax(changetype<usize>(bytes), bytes.byteLength);
}

function shape(expected: string, text: string): string | null {
  const s = String.UTF8.encode(expected);
  const t = String.UTF8.encode(text);
  return checkShape(parseShape(changetype<usize>(s), s.byteLength), changetype<usize>(t), t.byteLength);
}

describe("checkSyntax", () => {
  it("accepts every kind of valid JSON", () => {
    const valid: string[] = [
      "0", "-0", "1.5e-3", "-12E+4", "true", "false", "null", '""', '"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9"',
      "[]", "{}", ' [ 1 , [2, {"a": [null]}] ] ', '{"ü": "日本 🎉", "n": {"m": {}}}', "\t\n\r 7 \n",
    ];
    for (let i = 0; i < valid.length; i++) expect(syntax(valid[i])).toBeNull(valid[i]);
  });

  it("names the first error and its byte", () => {
    const cases: string[][] = [
      ["", "unexpected end at byte 0"],
      ["01", "unexpected text after the value at byte 1"],
      ["1.", "bad number at byte 2"],
      ["-", "bad number at byte 1"],
      ["1e+", "bad number at byte 3"],
      [".5", "unexpected character '.' at byte 0"],
      ["[1,]", "unexpected character ']' at byte 3"],
      ['{"a" 1}', "expected ':' at byte 5"],
      ['{"a": 1,}', "expected a property name at byte 8"],
      ["{1: 2}", "expected a property name at byte 1"],
      ['"tab\there"', "control character in a string at byte 4"],
      ['"\\x"', "bad escape at byte 2"],
      ['"\\u12g4"', "bad \\u escape at byte 5"],
      ['"open', "unterminated string at byte 5"],
      ["tru", "unexpected end at byte 3"],
      ["nul!", "unexpected character '!' at byte 3"],
      ["[1 2]", "expected ',' or ']' at byte 3"],
      ["{} {}", "unexpected text after the value at byte 3"],
      ["\uFEFF{}", "unexpected character '\uFEFF' (U+FEFF) at byte 0"],
      ["[1, é]", "unexpected character 'é' (U+00E9) at byte 4"],
      ["[🎉]", "unexpected character '🎉' (U+1F389) at byte 1"],
    ];
    for (let i = 0; i < cases.length; i++) expect(syntax(cases[i][0])).toBe(cases[i][1], cases[i][0]);
  });

  it("refuses nesting deeper than 512 levels instead of overflowing the stack", () => {
    expect(syntax("[".repeat(512) + "]".repeat(512))).toBeNull();
    expect(syntax("[".repeat(513) + "]".repeat(513))).toBe("nested deeper than 512 levels at byte 512");
  });
});

describe("checkSyntax on UTF-8", () => {
  it("accepts valid multi-byte text in strings and names the first invalid byte", () => {
    // A string holding the bytes, then the expected result.
    const cases: u8[][] = [[0x61, 0x62], [0x61, 0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x8e, 0x89], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80]];
    const expected: (string | null)[] = [null, "invalid UTF-8 at byte 2", "invalid UTF-8 at byte 1", "invalid UTF-8 at byte 1", "invalid UTF-8 at byte 1", null, "invalid UTF-8 at byte 1", "invalid UTF-8 at byte 1"];
    for (let i = 0; i < cases.length; i++) {
      const bytes = new Uint8Array(cases[i].length + 2);
      bytes[0] = 0x22;
      for (let k = 0; k < cases[i].length; k++) bytes[k + 1] = cases[i][k];
      bytes[cases[i].length + 1] = 0x22;
      const result = checkSyntax(bytes.dataStart, bytes.length);
      if (expected[i] === null) expect(result).toBeNull(i.toString());
      else expect(result).toBe(expected[i]!, i.toString());
    }
  });

  it("calls a non-UTF-8 byte outside strings invalid UTF-8", () => {
    const bytes = new Uint8Array(3);
    bytes[0] = 0x5b;
    bytes[1] = 0xff;
    bytes[2] = 0x5d;
    expect(checkSyntax(bytes.dataStart, 3)).toBe("invalid UTF-8 at byte 1");
  });
});

describe("checkShape", () => {
  it("accepts values of the target's shape, extra fields, and fields in any order", () => {
    expect(shape('{"a":0,"b":"","c":false,"d":[],"e":{"f":0}}', '{"e": {"f": 2.5, "x": 1}, "z": [1], "b": "s", "a": -1, "c": true, "d": [1, "x"]}')).toBeNull();
    expect(shape('{"n":null}', '{"n": {"anything": [1]}}')).toBeNull();
    expect(shape("[0]", "[1, 2, 3.5]")).toBeNull();
  });

  it("names the field, the kinds and the byte of a mismatch", () => {
    expect(shape('{"a":0}', '{"a": "1"}')).toBe('field "a": expected a number, found a string at byte 6');
    expect(shape('{"e":{"f":0}}', '{"e": {"f": true}}')).toBe('field "e.f": expected a number, found a boolean at byte 12');
    expect(shape('{"a":0}', "[1]")).toBe("expected an object, found an array at byte 0");
    expect(shape('{"a":""}', '{"a": null}')).toBe('field "a": expected a string, found null at byte 6');
    expect(shape('["s"]', '["a", 2]')).toBe("element [1]: expected a string, found a number at byte 6");
    expect(shape('{"t":[""]}', '{"t": ["a", {}]}')).toBe('field "t[1]": expected a string, found an object at byte 12');
  });
});

function integer(bits: i32, signed: bool): Shape {
  const shape = new Shape(Kind.Integer);
  shape.bits = bits;
  shape.signed = signed;
  return shape;
}

function typed(shape: Shape, text: string): string | null {
  const t = String.UTF8.encode(text);
  return checkShape(shape, changetype<usize>(t), t.byteLength);
}

describe("checkShape on typed shapes", () => {
  it("accepts integers at the limits of each width and refuses one past them", () => {
    const widths: i32[] = [8, 16, 32, 64];
    const signedMin: string[] = ["-128", "-32768", "-2147483648", "-9223372036854775808"];
    const signedBelow: string[] = ["-129", "-32769", "-2147483649", "-9223372036854775809"];
    const signedMax: string[] = ["127", "32767", "2147483647", "9223372036854775807"];
    const signedAbove: string[] = ["128", "32768", "2147483648", "9223372036854775808"];
    const unsignedMax: string[] = ["255", "65535", "4294967295", "18446744073709551615"];
    const unsignedAbove: string[] = ["256", "65536", "4294967296", "18446744073709551616"];
    for (let i = 0; i < widths.length; i++) {
      const s = integer(widths[i], true);
      const u = integer(widths[i], false);
      expect(typed(s, signedMin[i])).toBeNull(signedMin[i]);
      expect(typed(s, signedMax[i])).toBeNull(signedMax[i]);
      expect(typed(s, signedBelow[i])).toBe("expected an integer from " + signedMin[i] + " to " + signedMax[i] + ", found " + signedBelow[i] + " at byte 0");
      expect(typed(s, signedAbove[i])).toBe("expected an integer from " + signedMin[i] + " to " + signedMax[i] + ", found " + signedAbove[i] + " at byte 0");
      expect(typed(u, "0")).toBeNull();
      expect(typed(u, "-0")).toBeNull();
      expect(typed(u, unsignedMax[i])).toBeNull(unsignedMax[i]);
      expect(typed(u, unsignedAbove[i])).toBe("expected an integer from 0 to " + unsignedMax[i] + ", found " + unsignedAbove[i] + " at byte 0");
      expect(typed(u, "-1")).toBe("expected an integer from 0 to " + unsignedMax[i] + ", found -1 at byte 0");
    }
    // Far past u64 (the digits overflow while being read).
    expect(typed(integer(64, false), "99999999999999999999999")).toBe("expected an integer from 0 to 18446744073709551615, found 99999999999999999999999 at byte 0");
  });

  it("refuses a fraction or an exponent where an integer goes", () => {
    const s = integer(32, true);
    expect(typed(s, "1.0")).toBe("expected an integer from -2147483648 to 2147483647, found 1.0 at byte 0");
    expect(typed(s, "1e2")).toBe("expected an integer from -2147483648 to 2147483647, found 1e2 at byte 0");
    expect(typed(s, " [1]")).toBe("expected an integer, found an array at byte 1");
    expect(typed(s, "null")).toBe("expected an integer, found null at byte 0");
  });

  it("accepts null or the value for a nullable shape", () => {
    const nullable = new Shape(Kind.Nullable);
    nullable.element = new Shape(Kind.String);
    expect(typed(nullable, "null")).toBeNull();
    expect(typed(nullable, '"s"')).toBeNull();
    expect(typed(nullable, "1")).toBe("expected a string or null, found a number at byte 0");
  });

  it("checks every element of an array and every value and integer key of a map", () => {
    const array = new Shape(Kind.Array);
    array.element = integer(8, false);
    expect(typed(array, "[1, 2, 255]")).toBeNull();
    expect(typed(array, "[1, 2, 256]")).toBe("element [2]: expected an integer from 0 to 255, found 256 at byte 7");
    const map = new Shape(Kind.Map);
    map.key = integer(16, true);
    map.element = new Shape(Kind.Bool);
    expect(typed(map, '{"1": true, "-2": false}')).toBeNull();
    expect(typed(map, '{"1": true, "x": false}')).toBe('field "x": expected a key that is an integer from -32768 to 32767, found "x" at byte 12');
    expect(typed(map, '{"1": 0}')).toBe('field "1": expected a boolean, found a number at byte 6');
    expect(typed(map, "[]")).toBe("expected an object, found an array at byte 0");
  });

  it("lets a typed field replace the field of the same name, or adds it", () => {
    const s = String.UTF8.encode('{"a":0,"b":[]}');
    const shape = parseShape(changetype<usize>(s), s.byteLength);
    const strings = new Shape(Kind.Array);
    strings.element = new Shape(Kind.String);
    shape.setField(String.UTF8.encode("b"), strings);
    shape.setField(String.UTF8.encode("c"), new Shape(Kind.Bool));
    expect(typed(shape, '{"a": 1.5, "b": ["x"], "c": true}')).toBeNull();
    expect(typed(shape, '{"b": ["x", 2]}')).toBe('field "b[1]": expected a string, found a number at byte 12');
    expect(typed(shape, '{"c": null}')).toBe('field "c": expected a boolean, found null at byte 6');
  });
});
