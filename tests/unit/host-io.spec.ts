// Host.input / inputString / inputMemory and Host.output / outputString /
// outputMemory: every length, large ones, views, the empty cases, and the
// exact host calls each one makes (8-byte words, never past a block).
import { Host, Memory } from "extism-as-pdk";
import {
  begin,
  blockBytes,
  callSummary,
  firstDifference,
  firstViolation,
  liveBlocks,
  output,
  pattern,
  resetCalls,
  utf8Pattern,
  words,
} from "./kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

/** The calls that read `n` bytes of input: words for 8 or more, bytes below. */
function inputCalls(n: i32): string {
  if (n == 0) return "input_length=1";
  return n < 8 ? "input_length=1 input_load_u8=" + n.toString() : "input_length=1 input_load_u64=" + words(n).toString();
}

/** The calls that write `n` bytes into a fresh output block. */
function outputCalls(n: i32): string {
  if (n == 0) return "alloc=1 output_set=1";
  return n < 8 ? "alloc=1 output_set=1 store_u8=" + n.toString() : "alloc=1 output_set=1 store_u64=" + words(n).toString();
}

describe("Host.input and Host.output", () => {
  it("round-trip every length from 0 to 64, a word per 8 bytes and no byte tail", () => {
    for (let n = 0; n <= 64; n++) {
      const data = pattern(n, <u32>n + 1);
      begin(data);
      const input = Host.input();
      expect(firstDifference(input, data)).toBe(-1, "input of " + n.toString() + " bytes");
      expect(callSummary()).toBe(inputCalls(n), "reading " + n.toString() + " bytes");
      resetCalls();
      Host.output(input);
      expect(firstDifference(output(), data)).toBe(-1, "output of " + n.toString() + " bytes");
      expect(callSummary()).toBe(outputCalls(n), "writing " + n.toString() + " bytes");
    }
  });

  it("round-trip 1 MiB, 16 MiB and 16 MiB + 5 with one host call per word", () => {
    const sizes: i32[] = [1 << 20, 16 << 20, (16 << 20) + 5];
    for (let k = 0; k < sizes.length; k++) {
      const n = sizes[k];
      const data = pattern(n, <u32>k + 3);
      begin(data);
      const input = Host.input();
      expect(callSummary()).toBe(inputCalls(n), "reading " + n.toString());
      resetCalls();
      Host.output(input);
      expect(callSummary()).toBe(outputCalls(n), "writing " + n.toString());
      expect(firstDifference(output(), data)).toBe(-1, "round trip of " + n.toString());
    }
  });

  it("output exactly the bytes of a subarray, whatever its byteOffset", () => {
    const data = bytesOfRange(40);
    begin(data);
    Host.output(Host.input().subarray(3, 13));
    // Bytes 3..12 of 0x40, 0x41, ...: written out, not computed by the PDK.
    const expected: u8[] = [0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c];
    const out = output()!;
    expect(out.length).toBe(10);
    for (let i = 0; i < 10; i++) expect(out[i]).toBe(expected[i], "byte " + i.toString());
  });

  it("output views at every offset 0..9 and length 0..24", () => {
    const backing = pattern(40, 77);
    for (let off = 0; off < 10; off++) {
      for (let len = 0; len <= 24; len++) {
        begin();
        Host.output(backing.subarray(off, off + len));
        expect(firstDifference(output(), backing.slice(off, off + len))).toBe(-1, "view " + off.toString() + "+" + len.toString());
      }
    }
  });

  it("the last output of a call wins", () => {
    begin();
    Host.outputString("first");
    Host.output(pattern(3, 5));
    expect(firstDifference(output(), pattern(3, 5))).toBe(-1);
  });
});

describe("Host.inputString and Host.outputString", () => {
  it("round-trip UTF-8 text of every byte length from 0 to 64", () => {
    for (let n = 0; n <= 64; n++) {
      const sample = utf8Pattern(n, <u32>n + 7);
      begin(sample.bytes);
      const text = Host.inputString();
      expect(text).toBe(sample.text, "input of " + n.toString() + " bytes");
      expect(callSummary()).toBe(inputCalls(n), "reading " + n.toString() + " bytes");
      resetCalls();
      Host.outputString(text);
      expect(firstDifference(output(), sample.bytes)).toBe(-1, "output of " + n.toString() + " bytes");
      expect(callSummary()).toBe(outputCalls(n), "writing " + n.toString() + " bytes");
    }
  });

  it("round-trip 1 MiB and 16 MiB of mixed 1- to 4-byte characters", () => {
    const sizes: i32[] = [1 << 20, 16 << 20];
    for (let k = 0; k < sizes.length; k++) {
      const n = sizes[k];
      const sample = utf8Pattern(n, <u32>k + 11);
      begin(sample.bytes);
      const text = Host.inputString();
      expect(text == sample.text).toBe(true, "input of " + n.toString() + " bytes");
      Host.outputString(text);
      expect(firstDifference(output(), sample.bytes)).toBe(-1, "output of " + n.toString() + " bytes");
    }
  });
});

describe("Host.inputMemory and Host.outputMemory", () => {
  it("inputMemory names the input block without copying it, at every length 0..64, 1 MiB and 16 MiB", () => {
    for (let n = 0; n <= 66; n++) {
      const size = n == 65 ? 1 << 20 : n == 66 ? 16 << 20 : n;
      const data = pattern(size, <u32>n);
      begin(data);
      const m = Host.inputMemory();
      expect(callSummary()).toBe("input_length=1 input_offset=1", "no copy for " + size.toString());
      expect(m.length).toBe(<u64>size);
      if (size > 0) expect(firstDifference(blockBytes(m.offset), data)).toBe(-1, "the input block itself at " + size.toString());
      resetCalls();
      expect(firstDifference(m.toUint8Array(), data)).toBe(-1, "its bytes at " + size.toString());
      const copy = size == 0 ? "" : size < 8 ? "load_u8=" + size.toString() : "load_u64=" + words(size).toString();
      expect(callSummary()).toBe(copy, "copying " + size.toString() + " bytes");
    }
  });

  it("outputMemory hands over a block of every length 0..64, 1 MiB and 16 MiB, exactly", () => {
    for (let n = 0; n <= 66; n++) {
      const size = n == 65 ? 1 << 20 : n == 66 ? 16 << 20 : n;
      const data = pattern(size, <u32>n + 21);
      begin();
      const m = Memory.allocateBytes(data);
      resetCalls();
      Host.outputMemory(m);
      expect(callSummary()).toBe(size == 0 ? "alloc=1 output_set=1" : "output_set=1", "only output_set for " + size.toString());
      expect(firstDifference(output(), data)).toBe(-1, "output of " + size.toString() + " bytes");
      expect(m.offset).toBe(0, "emptied: the host owns it");
      expect(m.length).toBe(0);
    }
  });

  it("outputMemory of the input block echoes the input", () => {
    const data = pattern(33, 8);
    begin(data);
    Host.outputMemory(Host.inputMemory());
    expect(firstDifference(output(), data)).toBe(-1);
  });
});

describe("empty input and output", () => {
  it("read empty input as an empty array, an empty string and an empty block", () => {
    begin();
    expect(Host.input().length).toBe(0);
    expect(Host.inputString()).toBe("");
    const m = Host.inputMemory();
    expect(m.length).toBe(0);
    expect(m.toUint8Array().length).toBe(0);
    expect(m.toString()).toBe("");
  });

  it("give an empty result, not null and not a NUL byte, from every output method", () => {
    const backing = pattern(8, 4);
    for (let way = 0; way < 6; way++) {
      begin();
      if (way == 0) Host.output(new Uint8Array(0));
      else if (way == 1) Host.output(backing.subarray(5, 5));
      else if (way == 2) Host.outputString("");
      else if (way == 3) Host.outputMemory(Memory.allocate(0));
      else if (way == 4) Host.outputMemory(new Memory(0, 0));
      else Host.outputMemory(Memory.allocateString(""));
      const out = output();
      expect(out).not.toBeNull("an output was set, way " + way.toString());
      expect(out!.length).toBe(0, "and it is empty, way " + way.toString());
    }
  });

  it("leave no block behind for an empty output", () => {
    begin();
    const before = liveBlocks();
    Host.output(new Uint8Array(0));
    expect(liveBlocks()).toBe(before);
  });
});

/** `n` bytes 0x40, 0x41, ... */
function bytesOfRange(n: i32): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = <u8>(0x40 + i);
  return out;
}
