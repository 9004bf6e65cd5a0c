// The syntax check of JSON text (json-scan.ts; the reader checks what it
// reads with the same code): UTF-8 and RFC 8259 syntax, with the byte of the
// first error.
import { checkSyntax } from "../../assembly/json-scan";

function syntax(text: string): string | null {
  const bytes = String.UTF8.encode(text);
  return checkSyntax(changetype<usize>(bytes), bytes.byteLength);
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
