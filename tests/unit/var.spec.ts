// Var: bytes the host keeps between calls; missing reads as null, empty
// removes, and over the host's cap the call fails with the host's message.
import { Host, Memory, Var } from "extism-as-pdk";
import { forgetVarOwnership } from "extism-as-pdk/assembly/var-ownership";
import {
  abortMessage,
  begin,
  callSummary,
  calls,
  clearVars,
  firstDifference,
  firstViolation,
  kernelError,
  leftBlocks,
  liveBlocks,
  pattern,
  resetCalls,
  setMaxVarBytes,
  setSharedVarBlocks,
  varBytes,
} from "./kernel";

// AssemblyScript closures cannot capture locals: what a `toThrow` callback uses lives here.
let heldValue: Memory = new Memory(0, 0);

beforeEach(() => {
  clearVars();
  setMaxVarBytes(1 << 20);
});

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

describe("Var reads", () => {
  it("give null for a var that is not set, asking the host once each", () => {
    begin();
    expect(Var.get("a")).toBeNull();
    expect(callSummary()).toBe("alloc=1 store_u8=1 var_get=1");
    expect(Var.getString("a")).toBeNull();
    expect(Var.getMemory("a") === null).toBe(true, "getMemory");
  });

  it("read the host's copy and free it; the first read of an instance asks twice, to tell a copy from the var's own block", () => {
    begin();
    forgetVarOwnership();
    const data = pattern(20, 3);
    Var.set("k", data);
    resetCalls();
    const before = liveBlocks();
    expect(firstDifference(Var.get("k"), data)).toBe(-1);
    // The probe: the key again, a second var_get (another handle: a copy), both copies freed.
    expect(callSummary()).toBe("alloc=2 free=2 length=1 load_u64=3 store_u8=2 var_get=2");
    expect(liveBlocks()).toBe(before, "no copy left behind");
    resetCalls();
    expect(firstDifference(Var.get("k"), data)).toBe(-1);
    expect(callSummary()).toBe("alloc=1 free=1 length=1 load_u64=3 store_u8=1 var_get=1", "asked once per instance");
    expect(liveBlocks()).toBe(before);
    begin();
    resetCalls();
    expect(firstDifference(Var.get("k"), data)).toBe(-1);
    expect(callSummary()).toBe("alloc=1 free=1 length=1 load_u64=3 store_u8=1 var_get=1", "remembered from call to call");
    forgetVarOwnership();
    resetCalls();
    expect(firstDifference(Var.get("k"), data)).toBe(-1);
    expect(callSummary()).toBe("alloc=2 free=2 length=1 load_u64=3 store_u8=2 var_get=2", "a new instance asks again");
  });

  it("getString frees the host's copy too (getJSON reads through get)", () => {
    begin();
    Var.setString("s", "välue ✓");
    const before = liveBlocks();
    expect(Var.getString("s")).toBe("välue ✓");
    expect(liveBlocks()).toBe(before, "no copy left behind");
  });

  it("getMemory gives the host's block as it is, and leaves it alone", () => {
    begin();
    const data = pattern(20, 3);
    Var.set("k", data);
    const before = liveBlocks();
    resetCalls();
    const m = Var.getMemory("k")!;
    expect(callSummary()).toBe("alloc=1 length=1 store_u8=1 var_get=1", "no probe, no free");
    expect(m.length).toBe(20);
    expect(firstDifference(m.toUint8Array(), data)).toBe(-1);
    expect(liveBlocks()).toBe(before + 1, "the copy stays until the call ends (Rust runtime)");
  });
});

describe("Var reads on a host whose var_get returns the var's own block (JS SDK 1.0.3)", () => {
  beforeEach(() => {
    setSharedVarBlocks(true);
    forgetVarOwnership();
  });
  afterEach(() => {
    setSharedVarBlocks(false);
    forgetVarOwnership();
  });

  it("never free it (the strict kernel would flag it): one probe per instance, then one var_get per read", () => {
    begin();
    const data = pattern(20, 3);
    Var.set("k", data);
    resetCalls();
    const before = liveBlocks();
    expect(firstDifference(Var.get("k"), data)).toBe(-1);
    // The probe: the key again, a second var_get (the same handle: the var itself), nothing freed.
    expect(callSummary()).toBe("alloc=2 length=1 load_u64=3 store_u8=2 var_get=2");
    expect(liveBlocks()).toBe(before + 1, "the var's own block, left alone");
    for (let i = 0; i < 3; i++) {
      resetCalls();
      expect(Var.getString("k") !== null).toBe(true);
      expect(firstDifference(Var.get("k"), data)).toBe(-1);
      expect(callSummary()).toBe("alloc=2 length=2 load_u64=6 store_u8=2 var_get=2", "no free, no probe");
    }
    expect(liveBlocks()).toBe(before + 1);
    begin();
    expect(firstDifference(Var.get("k"), data)).toBe(-1);
    expect(Var.getString("k") !== null).toBe(true);
  });
});

describe("Var writes", () => {
  it("set stores exactly a view's bytes and hands both blocks to the host", () => {
    begin();
    const data = pattern(100, 6);
    const before = liveBlocks();
    Var.set("a", data.subarray(10, 90));
    // value (80 bytes: 10 words) first, then the key (1 byte).
    expect(callSummary()).toBe("alloc=2 store_u64=10 store_u8=1 var_set=1");
    expect(liveBlocks()).toBe(before, "the host took both blocks");
    expect(firstDifference(varBytes("a"), data.slice(10, 90))).toBe(-1);
    expect(firstDifference(Var.get("a"), data.slice(10, 90))).toBe(-1);
  });

  it("setString stores UTF-8 and getString reads it back", () => {
    begin();
    Var.setString("s", "välue ✓");
    expect(Var.getString("s")).toBe("välue ✓");
    expect(Var.getMemory("s")!.length).toBe(10);
    expect(varBytes("s")!.length).toBe(10);
  });

  it("setMemory hands the block to the host and empties the Memory", () => {
    begin();
    const m = Memory.allocateString("owned by the host");
    Var.setMemory("m", m);
    expect(m.offset).toBe(0);
    expect(m.length).toBe(0);
    resetCalls();
    m.free();
    expect(callSummary()).toBe("", "nothing left to free");
    expect(Var.getString("m")).toBe("owned by the host");
  });

  it("remove deletes a var, and removing a var that is not set does nothing", () => {
    begin();
    Var.setString("r", "x");
    resetCalls();
    Var.remove("r");
    expect(callSummary()).toBe("alloc=1 store_u8=1 var_set=1");
    expect(varBytes("r")).toBeNull();
    expect(Var.getString("r")).toBeNull();
    Var.remove("never-set");
    expect(varBytes("never-set")).toBeNull();
  });

  it("an empty value removes the var, whichever setter is used", () => {
    begin();
    for (let way = 0; way < 4; way++) {
      Var.setString("e", "x");
      if (way == 0) Var.set("e", new Uint8Array(0));
      else if (way == 1) Var.set("e", pattern(4, 1).subarray(2, 2));
      else if (way == 2) Var.setString("e", "");
      else Var.setMemory("e", Memory.allocate(0));
      expect(varBytes("e")).toBeNull("way " + way.toString());
      expect(Var.get("e")).toBeNull("way " + way.toString());
    }
  });

  it("vars persist from call to call", () => {
    begin();
    Var.setString("persist", "1");
    begin();
    expect(Var.getString("persist")).toBe("1");
    Var.setString("persist", "2");
    begin();
    expect(Var.getString("persist")).toBe("2");
  });
});

describe("Var with an empty key (older Rust runtimes fail the call on it)", () => {
  it("reads null and removes nothing, without asking the host", () => {
    begin();
    expect(Var.get("")).toBeNull();
    expect(Var.getString("")).toBeNull();
    expect(Var.getMemory("") === null).toBe(true);
    Var.remove("");
    Var.set("", new Uint8Array(0));
    expect(callSummary()).toBe("");
  });

  it("refuses to set a value, failing the call", () => {
    begin();
    expect(abortMessage(() => {
      Var.setString("", "value");
    })).toBe("Var.set: a var's key must not be empty");
    expect(leftBlocks()).toBe("", "Var.setString with an empty key leaks no block");
    expect(abortMessage(() => {
      Var.set("", pattern(3, 1));
    })).toBe("Var.set: a var's key must not be empty");
    expect(leftBlocks()).toBe("", "Var.set with an empty key frees its value block (leak on the error path)");
    heldValue = Memory.allocateBytes(pattern(5, 2));
    expect(abortMessage(() => {
      Var.setMemory("", heldValue);
    })).toBe("Var.set: a var's key must not be empty");
    expect(leftBlocks()).toBe("", "Var.setMemory with an empty key frees its value block (leak on the error path)");
    expect(calls("var_set")).toBe(0);
  });
});

describe("Var size limit", () => {
  it("fails the call with the host's message naming the limit", () => {
    setMaxVarBytes(64);
    begin();
    Var.set("fits", pattern(64, 1));
    expect(kernelError()).toBeNull("64 bytes fit");
    Var.remove("fits");
    Var.set("big", pattern(65, 1));
    expect(kernelError()).toBe("var memory limit exceeded: 65 bytes requested, 64 allowed");
    expect(Host.getError()).toBe("var memory limit exceeded: 65 bytes requested, 64 allowed");
    expect(varBytes("big")).toBeNull("not stored");
  });

  it("stores 1 MiB under the default cap, and refuses one byte more", () => {
    begin();
    const data = pattern(1 << 20, 9);
    Var.set("mib", data);
    expect(kernelError()).toBeNull();
    expect(firstDifference(Var.get("mib"), data)).toBe(-1);
    Var.set("one more", pattern(1, 2));
    expect(kernelError()).toBe("var memory limit exceeded: 1048577 bytes requested, 1048576 allowed");
  });
});
