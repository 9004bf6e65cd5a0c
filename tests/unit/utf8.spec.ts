// Strings cross the ABI as UTF-8 byte lengths, everywhere: the expected bytes
// below are written out by hand, never computed by the PDK.
import { Host, LogLevel, Memory, Var } from "extism-as-pdk";
import {
  begin,
  blockBytes,
  bytesOf,
  firstDifference,
  firstViolation,
  kernelError,
  logTextAt,
  output,
  setLogLevel,
  storeBlock,
  varBytes,
} from "./kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

/** The UTF-8 bytes of "héllo wörld ✓ 日本 🎉". */
function helloBytes(): Uint8Array {
  return bytesOf([
    0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f, 0x20, // "héllo "
    0x77, 0xc3, 0xb6, 0x72, 0x6c, 0x64, 0x20, // "wörld "
    0xe2, 0x9c, 0x93, 0x20, // "✓ "
    0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac, 0x20, // "日本 "
    0xf0, 0x9f, 0x8e, 0x89, // "🎉"
  ]);
}

describe("writing strings as UTF-8", () => {
  it("outputString writes the exact bytes of 'héllo wörld ✓ 日本 🎉'", () => {
    begin();
    Host.outputString("héllo wörld ✓ 日本 🎉");
    expect(firstDifference(output(), helloBytes())).toBe(-1);
  });

  it("Memory.allocateString sizes the block by UTF-8 bytes, not UTF-16 units", () => {
    begin();
    const m = Memory.allocateString("héllo wörld ✓ 日本 🎉");
    expect(m.length).toBe(29);
    expect(firstDifference(blockBytes(m.offset), helloBytes())).toBe(-1);
  });

  it("writes surrogate pairs as one 4-byte character", () => {
    begin();
    // U+1D11E (𝄞) from its two UTF-16 units, then U+10FFFF and U+10000.
    Host.outputString(String.fromCharCodes([0xd834, 0xdd1e, 0xdbff, 0xdfff, 0xd800, 0xdc00]));
    const expected = bytesOf([0xf0, 0x9d, 0x84, 0x9e, 0xf4, 0x8f, 0xbf, 0xbf, 0xf0, 0x90, 0x80, 0x80]);
    expect(firstDifference(output(), expected)).toBe(-1);
  });

  it("writes each lone surrogate as U+FFFD (EF BF BD), as the host's TextEncoder does", () => {
    const cases: i32[][] = [
      [0x61, 0xd800], // high surrogate at the end
      [0xdc00, 0x62], // low surrogate first
      [0xd800, 0xd83c, 0xdf89], // high surrogate, then a pair
      [0xdf89, 0xd83c], // a pair in the wrong order
      [0xd800, 0x63, 0xdc00], // separated halves
    ];
    const expected: Uint8Array[] = [
      bytesOf([0x61, 0xef, 0xbf, 0xbd]),
      bytesOf([0xef, 0xbf, 0xbd, 0x62]),
      bytesOf([0xef, 0xbf, 0xbd, 0xf0, 0x9f, 0x8e, 0x89]),
      bytesOf([0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]),
      bytesOf([0xef, 0xbf, 0xbd, 0x63, 0xef, 0xbf, 0xbd]),
    ];
    for (let i = 0; i < cases.length; i++) {
      const s = String.fromCharCodes(cases[i]);
      begin();
      Host.outputString(s);
      expect(firstDifference(output(), expected[i])).toBe(-1, "outputString, case " + i.toString());
      const m = Memory.allocateString(s);
      expect(m.length).toBe(<u64>expected[i].length, "allocateString length, case " + i.toString());
      expect(firstDifference(blockBytes(m.offset), expected[i])).toBe(-1, "allocateString, case " + i.toString());
      Var.setString("lone", s);
      expect(firstDifference(varBytes("lone"), expected[i])).toBe(-1, "Var.setString, case " + i.toString());
    }
  });

  it("logs and errors carry the same UTF-8 text", () => {
    setLogLevel(0);
    begin();
    Host.log(LogLevel.Info, "ünïcode ✓ " + String.fromCharCode(0xd800));
    expect(logTextAt(0)).toBe("ünïcode ✓ \uFFFD");
    Host.setError("fehler ✗ 🎉");
    expect(kernelError()).toBe("fehler ✗ 🎉");
  });
});

/** Each case: input bytes and the string a WHATWG decoder (the host's TextDecoder) reads from them. */
class Decoding {
  constructor(public bytes: u8[], public text: string) {}
}

function decodings(): Decoding[] {
  return [
    new Decoding([0xff], "\uFFFD"),
    new Decoding([0x80], "\uFFFD"), // a lone continuation byte
    new Decoding([0x61, 0xc3, 0x28], "a\uFFFD("), // bad continuation: the '(' survives
    new Decoding([0xc0, 0x80], "\uFFFD\uFFFD"), // overlong NUL
    new Decoding([0xe0, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD"), // overlong 3-byte
    new Decoding([0xed, 0xa0, 0x80], "\uFFFD\uFFFD\uFFFD"), // encoded surrogate
    new Decoding([0xf4, 0x90, 0x80, 0x80], "\uFFFD\uFFFD\uFFFD\uFFFD"), // above U+10FFFF
    new Decoding([0xf5, 0x80], "\uFFFD\uFFFD"),
    new Decoding([0x41, 0xe2, 0x82], "A\uFFFD"), // truncated at the end: one U+FFFD
    new Decoding([0xf0, 0x9f, 0x8e], "\uFFFD"),
    new Decoding([0xe2, 0x82, 0x41], "\uFFFDA"),
    new Decoding([0xf0, 0x9f, 0x8e, 0x89, 0xff, 0x62], "\uD83C\uDF89\uFFFDb"),
    // The edges of the valid ranges decode as themselves.
    new Decoding([0xc2, 0x80], "\u0080"),
    new Decoding([0xdf, 0xbf], "\u07FF"),
    new Decoding([0xe0, 0xa0, 0x80], "\u0800"),
    new Decoding([0xed, 0x9f, 0xbf], "\uD7FF"),
    new Decoding([0xee, 0x80, 0x80], "\uE000"),
    new Decoding([0xef, 0xbf, 0xbf], "\uFFFF"),
    new Decoding([0xf0, 0x90, 0x80, 0x80], "\uD800\uDC00"),
    new Decoding([0xf4, 0x8f, 0xbf, 0xbf], "\uDBFF\uDFFF"),
    // A leading BOM is a character like any other (TextDecoder would drop it; Rust's from_utf8_lossy keeps it).
    new Decoding([0xef, 0xbb, 0xbf, 0x61], "\uFEFFa"),
  ];
}

describe("reading UTF-8 as strings", () => {
  it("inputString reads 'héllo wörld ✓ 日本 🎉' from its bytes", () => {
    begin(helloBytes());
    expect(Host.inputString()).toBe("héllo wörld ✓ 日本 🎉");
  });

  it("inputString replaces each maximal invalid subsequence with one U+FFFD", () => {
    const cases = decodings();
    for (let i = 0; i < cases.length; i++) {
      begin(bytesOf(cases[i].bytes));
      expect(Host.inputString()).toBe(cases[i].text, "case " + i.toString());
    }
  });

  it("Memory.toString and Var.getString decode the same way", () => {
    const cases = decodings();
    for (let i = 0; i < cases.length; i++) {
      begin();
      const bytes = bytesOf(cases[i].bytes);
      expect(Memory.find(storeBlock(bytes)).toString()).toBe(cases[i].text, "Memory.toString, case " + i.toString());
      Var.set("raw", bytes);
      expect(Var.getString("raw")).toBe(cases[i].text, "Var.getString, case " + i.toString());
    }
  });

  it("finds an invalid byte at every position of an ASCII run (the 4-byte fast path)", () => {
    for (let at = 0; at < 19; at++) {
      const bytes = new Uint8Array(19);
      for (let i = 0; i < 19; i++) bytes[i] = <u8>(0x61 + i);
      bytes[at] = 0xff;
      let expected = "";
      for (let i = 0; i < 19; i++) expected += i == at ? "\uFFFD" : String.fromCharCode(0x61 + i);
      begin(bytes);
      expect(Host.inputString()).toBe(expected, "invalid byte at " + at.toString());
    }
  });
});
