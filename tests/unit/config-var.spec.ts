import { Config, Memory, Var } from "extism-as-pdk";
import { begin, bytesEqual, calls, kernelError, liveBlocks, pattern, setConfig, setMaxVarBytes, varBytes, violations } from "./kernel";

afterEach(() => {
  expect(violations()).toBe(0, "no ABI violation: every handle given to the host is never used again");
});

describe("Config", () => {
  it("reads present, missing, empty and non-ASCII keys", () => {
    setConfig("greeting", "hello");
    setConfig("empty", "");
    setConfig("clé ✓", "välue 日本");
    begin();
    expect(Config.get("greeting")).toBe("hello");
    expect(Config.get("missing")).toBeNull();
    expect(Config.get("empty")).toBeNull();
    expect(Config.get("clé ✓")).toBe("välue 日本");
    const m = Config.getMemory("greeting");
    expect(m === null).toBe(false);
    expect(m!.length).toBe(5);
    expect(Config.getMemory("missing") === null).toBe(true);
  });

  it("frees the value it read, and leaves the key to the host", () => {
    setConfig("k", "v");
    begin();
    const before = liveBlocks();
    Config.get("k");
    expect(liveBlocks()).toBe(before);
    expect(calls("config_get")).toBe(1);
  });
});

describe("Var", () => {
  it("sets, gets and removes bytes and strings", () => {
    begin();
    expect(Var.get("a")).toBeNull();
    expect(Var.getString("a")).toBeNull();
    expect(Var.getMemory("a") === null).toBe(true);
    const data = pattern(100, 6);
    Var.set("a", data.subarray(10, 90));
    expect(bytesEqual(varBytes("a"), data.subarray(10, 90))).toBe(true, "the host holds exactly the view's bytes");
    expect(bytesEqual(Var.get("a"), data.subarray(10, 90))).toBe(true);
    Var.setString("s", "välue ✓");
    expect(Var.getString("s")).toBe("välue ✓");
    expect(Var.getMemory("s")!.length).toBe(10);
    Var.remove("s");
    expect(Var.getString("s")).toBeNull();
    expect(varBytes("s")).toBeNull();
    Var.remove("never-set");
  });

  it("removes a var set to an empty value, on every host alike", () => {
    begin();
    Var.setString("e", "x");
    Var.setString("e", "");
    expect(varBytes("e")).toBeNull();
    Var.set("e", new Uint8Array(1));
    Var.set("e", new Uint8Array(0));
    expect(Var.get("e")).toBeNull();
  });

  it("keeps vars across calls", () => {
    begin();
    Var.setString("persist", "1");
    begin();
    expect(Var.getString("persist")).toBe("1");
  });

  it("hands a Memory to the host and empties it", () => {
    begin();
    const m = Memory.allocateString("owned by the host");
    Var.setMemory("m", m);
    expect(m.offset).toBe(0);
    expect(m.length).toBe(0);
    m.free();
    expect(Var.getString("m")).toBe("owned by the host");
  });

  it("fails the call with the host's message over the size limit", () => {
    setMaxVarBytes(64);
    begin();
    Var.set("big", new Uint8Array(65));
    const error = kernelError();
    expect(error !== null && error.startsWith("var memory limit exceeded: ") && error.endsWith(" bytes requested, 64 allowed")).toBe(true);
    setMaxVarBytes(1 << 20);
  });
});
