import { Host } from "extism-as-pdk";
import { begin, beginString, bytesEqual, calls, output, pattern, violations } from "./kernel";

afterEach(() => {
  expect(violations()).toBe(0, "no ABI violation");
});

describe("Host.input / Host.output", () => {
  it("round-trips every length from 0 to 64 with 8-byte words and no byte tail", () => {
    for (let n = 0; n <= 64; n++) {
      const data = pattern(n, <u32>n + 1);
      begin(data);
      const input = Host.input();
      expect(bytesEqual(input, data)).toBe(true, "input of " + n.toString());
      const words = n < 8 ? 0 : (n + 7) / 8;
      const bytes = n < 8 ? n : 0;
      expect(calls("input_load_u64")).toBe(words, "input words at " + n.toString());
      expect(calls("input_load_u8")).toBe(bytes, "input bytes at " + n.toString());
      Host.output(input);
      expect(bytesEqual(output(), data)).toBe(true, "output of " + n.toString());
      expect(calls("store_u64")).toBe(words, "output words at " + n.toString());
      expect(calls("store_u8")).toBe(bytes, "output bytes at " + n.toString());
      expect(calls("alloc")).toBe(1, "one block for the output");
    }
  });

  it("round-trips 1 MiB and 16 MiB + 5", () => {
    const sizes: i32[] = [1 << 20, (16 << 20) + 5];
    for (let k = 0; k < sizes.length; k++) {
      const data = pattern(sizes[k], 3);
      begin(data);
      Host.output(Host.input());
      expect(bytesEqual(output(), data)).toBe(true);
      expect(calls("store_u64")).toBe((sizes[k] + 7) / 8);
    }
  });

  it("outputs exactly the bytes of a subarray (byteOffset honoured)", () => {
    const data = pattern(40, 9);
    begin(data);
    Host.output(Host.input().subarray(3, 13));
    expect(bytesEqual(output(), data.slice(3, 13))).toBe(true);
  });

  it("gives an empty output for empty data, not null", () => {
    begin();
    expect(Host.input().length).toBe(0);
    expect(Host.inputString()).toBe("");
    Host.output(new Uint8Array(0));
    const out = output();
    expect(out).not.toBeNull();
    expect(out!.length).toBe(0);
    beginString("");
    Host.outputString("");
    expect(output()!.length).toBe(0);
  });

  it("outputs a string's UTF-8 bytes exactly", () => {
    begin();
    Host.outputString("héllo wörld ✓ 日本 🎉");
    // The bytes of "héllo wörld ✓ 日本 🎉", written out.
    const expected: u8[] = [
      0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0xc3, 0xb6, 0x72, 0x6c, 0x64, 0x20, 0xe2, 0x9c, 0x93, 0x20,
      0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac, 0x20, 0xf0, 0x9f, 0x8e, 0x89,
    ];
    const out = output()!;
    expect(out.length).toBe(29);
    for (let i = 0; i < expected.length; i++) expect(out[i]).toBe(expected[i]);
  });

  it("writes a lone surrogate as U+FFFD, as TextEncoder does", () => {
    begin();
    Host.outputString("a" + String.fromCharCode(0xd800) + "b");
    const out = output()!;
    expect(out.length).toBe(5);
    expect(out[1]).toBe(0xef);
    expect(out[2]).toBe(0xbf);
    expect(out[3]).toBe(0xbd);
  });

  it("reads invalid UTF-8 with one U+FFFD per maximal invalid subsequence", () => {
    // a, FF, b, C3 28 (bad continuation), E2 82 (truncated), F0 9F 8E 89 (🎉), ED A0 80 (surrogate)
    const bytes: u8[] = [0x61, 0xff, 0x62, 0xc3, 0x28, 0xe2, 0x82, 0x21, 0xf0, 0x9f, 0x8e, 0x89, 0xed, 0xa0, 0x80, 0xe2, 0x82];
    const data = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) data[i] = bytes[i];
    begin(data);
    const s = Host.inputString();
    expect(s).toBe("a\uFFFDb\uFFFD(\uFFFD!🎉\uFFFD\uFFFD\uFFFD\uFFFD");
  });

  it("reads valid non-ASCII input as the same string", () => {
    beginString("héllo wörld ✓ 日本 🎉 ascii-only-tail-0123456789");
    expect(Host.inputString()).toBe("héllo wörld ✓ 日本 🎉 ascii-only-tail-0123456789");
  });

  it("inputMemory names the input block", () => {
    const data = pattern(20, 4);
    begin(data);
    const m = Host.inputMemory();
    expect(m.length).toBe(20);
    expect(bytesEqual(m.toUint8Array(), data)).toBe(true);
  });
});
