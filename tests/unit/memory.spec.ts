// Memory: blocks of kernel memory, their copies in and out, and their limits.
import { Host, Memory } from "extism-as-pdk";
import {
  abortMessage,
  begin,
  blockBytes,
  callSummary,
  firstDifference,
  firstViolation,
  liveBlocks,
  pattern,
  refuseAllocs,
  resetCalls,
  storeBlock,
  words,
} from "./kernel";

// AssemblyScript closures cannot capture locals: what a `toThrow` callback uses lives here.
let block: Memory = new Memory(0, 0);
let buffer: Uint8Array = new Uint8Array(0);

afterEach(() => {
  refuseAllocs(0);
  expect(firstViolation()).toBeNull("no ABI violation");
});

/** `prefix` and then the calls that copy `n` bytes through `u8` or `u64` imports named `op`. */
function copyCalls(prefix: string, op: string, n: i32): string {
  if (n == 0) return prefix;
  const copy = n < 8 ? op + "_u8=" + n.toString() : op + "_u64=" + words(n).toString();
  if (prefix.length == 0) return copy;
  return prefix < op ? prefix + " " + copy : copy + " " + prefix;
}

describe("Memory.allocate", () => {
  it("keeps the official constructor and fields, without a host call", () => {
    begin();
    const m = new Memory(0x1234, 56);
    expect(m.offset).toBe(0x1234);
    expect(m.length).toBe(56);
    expect(callSummary()).toBe("");
  });

  it("allocates one block of exactly the asked size", () => {
    const sizes: i32[] = [1, 7, 8, 9, 13, 64, 4096];
    for (let i = 0; i < sizes.length; i++) {
      begin();
      const before = liveBlocks();
      const m = Memory.allocate(<u64>sizes[i]);
      expect(callSummary()).toBe("alloc=1");
      expect(m.length).toBe(<u64>sizes[i]);
      expect(blockBytes(m.offset)!.length).toBe(sizes[i], "the kernel's block has the size too");
      expect(liveBlocks()).toBe(before + 1);
    }
  });

  it("allocates 0 bytes as an empty Memory, not an error (alloc(0) is 0 on the Rust runtime)", () => {
    begin();
    const before = liveBlocks();
    const m = Memory.allocate(0);
    expect(m.length).toBe(0);
    expect(m.offset).toBe(0);
    expect(liveBlocks()).toBe(before);
    expect(m.toUint8Array().length).toBe(0);
    expect(m.toString()).toBe("");
  });

  it("fails the call when the host is out of memory", () => {
    begin();
    refuseAllocs(1);
    expect(abortMessage(() => {
      Memory.allocate(16);
    })).toBe("out of kernel memory: the host could not allocate 16 bytes");
    refuseAllocs(1);
    expect(abortMessage(() => {
      Memory.allocateBytes(pattern(3, 1));
    })).toBe("out of kernel memory: the host could not allocate 3 bytes");
    refuseAllocs(1);
    expect(abortMessage(() => {
      Host.outputString("no room");
    })).toBe("out of kernel memory: the host could not allocate 7 bytes");
    expect(callSummary()).toBe("alloc=3", "and writes nothing to handle 0");
  });
});

describe("Memory copies", () => {
  it("allocateBytes copies exactly a view's bytes at every length 0..64", () => {
    for (let n = 0; n <= 64; n++) {
      const backing = pattern(n + 11, <u32>n);
      const view = backing.subarray(5, 5 + n);
      begin();
      const m = Memory.allocateBytes(view);
      expect(callSummary()).toBe(copyCalls("alloc=1", "store", n), "allocateBytes of " + n.toString());
      expect(m.length).toBe(<u64>n);
      if (n > 0) expect(firstDifference(blockBytes(m.offset), backing.slice(5, 5 + n))).toBe(-1, "block of " + n.toString());
    }
  });

  it("store writes a view to the start of a block and leaves the rest as it was", () => {
    for (let n = 0; n <= 64; n++) {
      begin();
      const first = pattern(70, 1);
      const m = Memory.allocateBytes(first);
      const backing = pattern(n + 9, <u32>n + 100);
      resetCalls();
      m.store(backing.subarray(9, 9 + n));
      expect(callSummary()).toBe(copyCalls("", "store", n), "store of " + n.toString());
      const expected = first.slice();
      for (let i = 0; i < n; i++) expected[i] = backing[9 + i];
      expect(firstDifference(blockBytes(m.offset), expected)).toBe(-1, "block after a store of " + n.toString());
    }
  });

  it("load reads the start of a block into a view, touching nothing around it", () => {
    for (let n = 0; n <= 64; n++) {
      begin();
      const data = pattern(64, <u32>n + 40);
      const m = Memory.allocateBytes(data);
      const target = pattern(n + 8, 9);
      const untouched = target.slice();
      resetCalls();
      m.load(target.subarray(4, 4 + n));
      expect(callSummary()).toBe(copyCalls("", "load", n), "load of " + n.toString());
      for (let i = 0; i < n + 8; i++) {
        const want = i >= 4 && i < 4 + n ? data[i - 4] : untouched[i];
        expect(target[i]).toBe(want, "byte " + i.toString() + " after a load of " + n.toString());
      }
    }
  });

  it("toUint8Array and toString copy the whole block", () => {
    begin();
    const data = pattern(37, 6);
    const m = Memory.allocateBytes(data);
    const copy = m.toUint8Array();
    expect(firstDifference(copy, data)).toBe(-1);
    copy[0] ^= 0xff;
    expect(firstDifference(blockBytes(m.offset), data)).toBe(-1, "a copy, not a view of the block");
    expect(Memory.allocateString("plain ascii, 29 bytes long!!!").toString()).toBe("plain ascii, 29 bytes long!!!");
  });

  it("refuses to store or load more than the block holds, touching no kernel memory", () => {
    const sizes: i32[] = [5, 8, 9, 64];
    for (let k = 0; k < sizes.length; k++) {
      begin();
      const data = pattern(4, 3);
      block = Memory.allocateBytes(data);
      const neighbour = Memory.allocateBytes(pattern(16, 4));
      buffer = pattern(sizes[k], 5);
      resetCalls();
      expect(abortMessage(() => {
        block.store(buffer);
      })).toBe("Memory.store: " + sizes[k].toString() + " bytes, but the block has 4");
      expect(abortMessage(() => {
        block.load(buffer);
      })).toBe("Memory.load: " + sizes[k].toString() + " bytes, but the block has 4");
      expect(callSummary()).toBe("", "no host call at all");
      expect(firstDifference(blockBytes(block.offset), data)).toBe(-1, "the block is intact");
      expect(firstDifference(blockBytes(neighbour.offset), pattern(16, 4))).toBe(-1, "the next block is intact");
    }
  });
});

describe("Memory.find", () => {
  it("finds a block the host made, with its length", () => {
    begin();
    const data = pattern(21, 8);
    const h = storeBlock(data);
    const m = Memory.find(h);
    expect(callSummary()).toBe("length=1");
    expect(m.offset).toBe(h);
    expect(m.length).toBe(21);
    expect(firstDifference(m.toUint8Array(), data)).toBe(-1);
    resetCalls();
    expect(Memory.findUnsafe(h).length).toBe(21);
    expect(callSummary()).toBe("length_unsafe=1");
  });

  it("finds a block the plug-in made", () => {
    begin();
    const m = Memory.allocate(300);
    expect(Memory.find(m.offset).length).toBe(300);
  });

  it("gives length 0 for handle 0 (without asking), an interior address and a freed block", () => {
    begin();
    expect(Memory.find(0).length).toBe(0);
    expect(Memory.findUnsafe(0).length).toBe(0);
    expect(callSummary()).toBe("");
    const m = Memory.allocate(16);
    expect(Memory.find(m.offset + 1).length).toBe(0, "not a block's start");
    const h = m.offset;
    m.free();
    expect(Memory.find(h).length).toBe(0, "freed");
  });
});

describe("Memory.free", () => {
  it("frees once, however often it is called, and empties the Memory", () => {
    begin();
    const before = liveBlocks();
    const m = Memory.allocate(8);
    resetCalls();
    m.free();
    m.free();
    expect(callSummary()).toBe("free=1");
    expect(liveBlocks()).toBe(before);
    expect(m.offset).toBe(0);
    expect(m.length).toBe(0);
  });

  it("does nothing for an empty Memory", () => {
    begin();
    Memory.allocate(0).free();
    new Memory(0, 0).free();
    Memory.find(0).free();
    expect(callSummary()).toBe("alloc=1");
  });

  it("leaves a freed Memory empty: loads fail, copies are empty, no host call", () => {
    begin();
    block = Memory.allocateBytes(pattern(12, 2));
    block.free();
    resetCalls();
    buffer = new Uint8Array(1);
    expect(abortMessage(() => {
      block.load(buffer);
    })).toBe("Memory.load: 1 bytes, but the block has 0");
    expect(abortMessage(() => {
      block.store(buffer);
    })).toBe("Memory.store: 1 bytes, but the block has 0");
    expect(block.toUint8Array().length).toBe(0);
    expect(block.toString()).toBe("");
    expect(callSummary()).toBe("");
  });
});
