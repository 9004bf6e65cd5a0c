import { Memory } from "extism-as-pdk";
import { begin, bytesEqual, calls, liveBlocks, pattern, storeBlock, violations } from "./kernel";

let block: Memory = new Memory(0, 0);

afterEach(() => {
  expect(violations()).toBe(0, "no ABI violation");
});

describe("Memory", () => {
  it("allocates blocks of exactly the asked size", () => {
    begin();
    const m = Memory.allocate(13);
    expect(m.length).toBe(13);
    expect(Memory.find(m.offset).length).toBe(13);
    // alloc(0) is 0 on the Rust runtime: an empty block, not an error.
    const empty = Memory.allocate(0);
    expect(empty.length).toBe(0);
  });

  it("copies bytes in and out at every length 0..64, honouring byteOffset", () => {
    begin();
    for (let n = 0; n <= 64; n++) {
      const backing = pattern(n + 11, <u32>n);
      const view = backing.subarray(5, 5 + n);
      const m = Memory.allocateBytes(view);
      expect(m.length).toBe(<u64>n);
      const target = new Uint8Array(n + 6);
      m.load(target.subarray(3, 3 + n));
      expect(bytesEqual(target.subarray(3, 3 + n), view)).toBe(true, "length " + n.toString());
      expect(bytesEqual(m.toUint8Array(), view)).toBe(true);
      m.free();
    }
  });

  it("stores into and loads part of a block", () => {
    begin();
    const m = Memory.allocate(16);
    const data = pattern(16, 2);
    m.store(data);
    const head = new Uint8Array(9);
    m.load(head);
    expect(bytesEqual(head, data.subarray(0, 9))).toBe(true);
  });

  it("refuses to store or load past the block, touching nothing", () => {
    begin();
    block = Memory.allocate(4);
    expect(() => {
      block.store(new Uint8Array(5));
    }).toThrow("store past the block fails");
    expect(() => {
      block.load(new Uint8Array(9));
    }).toThrow("load past the block fails");
    expect(calls("store_u8")).toBe(0);
    expect(calls("load_u8")).toBe(0);
  });

  it("converts to and from UTF-8 strings by byte length", () => {
    begin();
    const m = Memory.allocateString("日本 ✓");
    expect(m.length).toBe(10);
    expect(m.toString()).toBe("日本 ✓");
    expect(Memory.allocateString("").length).toBe(0);
  });

  it("finds a block the host made, with its length", () => {
    begin();
    const data = pattern(21, 8);
    const h = storeBlock(data);
    const m = Memory.find(h);
    expect(m.offset).toBe(h);
    expect(m.length).toBe(21);
    expect(bytesEqual(m.toUint8Array(), data)).toBe(true);
    expect(Memory.findUnsafe(h).length).toBe(21);
    expect(Memory.find(0).length).toBe(0);
  });

  it("frees once, however often free() is called", () => {
    begin();
    const before = liveBlocks();
    const m = Memory.allocate(8);
    expect(liveBlocks()).toBe(before + 1);
    m.free();
    m.free();
    expect(liveBlocks()).toBe(before);
    expect(calls("free")).toBe(1);
    expect(m.offset).toBe(0);
  });

  it("keeps the official constructor and fields", () => {
    const m = new Memory(1234, 56);
    expect(m.offset).toBe(1234);
    expect(m.length).toBe(56);
  });
});
