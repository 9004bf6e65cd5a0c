// Config: string values the host sets; missing and empty read as null.
import { Config } from "extism-as-pdk";
import { abortMessage, begin, blockBytes, bytesOf, callSummary, firstDifference, firstViolation, leftBlocks, liveBlocks, resetCalls, setConfig, utf8Pattern } from "./kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

describe("Config.get", () => {
  it("reads a present value, handing the key to the host and freeing the value", () => {
    setConfig("greeting", "hello");
    begin();
    const before = liveBlocks();
    expect(Config.get("greeting")).toBe("hello");
    // key: 8 bytes, one word; value: 5 bytes, byte by byte; the value freed once.
    expect(callSummary()).toBe("alloc=1 config_get=1 free=1 length=1 load_u8=5 store_u64=1");
    expect(liveBlocks()).toBe(before, "nothing left behind");
  });

  it("gives null for a missing key, asking the host once", () => {
    begin();
    expect(Config.get("missing")).toBeNull();
    expect(callSummary()).toBe("alloc=1 config_get=1 store_u8=7");
  });

  it("gives null for an empty value (the Rust runtime cannot tell it from missing)", () => {
    setConfig("empty", "");
    begin();
    expect(Config.get("empty")).toBeNull();
    expect(Config.getMemory("empty") === null).toBe(true, "getMemory too");
  });

  it("reads non-ASCII keys and values", () => {
    setConfig("clé ✓", "välue 日本");
    begin();
    expect(Config.get("clé ✓")).toBe("välue 日本");
    expect(Config.get("cle ✓")).toBeNull("keys match byte for byte");
  });

  it("gives null for an empty key without asking the host (older Rust runtimes fail the call on it)", () => {
    begin();
    expect(Config.get("")).toBeNull();
    expect(Config.getMemory("") === null).toBe(true);
    expect(callSummary()).toBe("");
  });

  it("reads a long value", () => {
    const sample = utf8Pattern(5000, 3);
    setConfig("long", sample.text);
    begin();
    expect(Config.get("long") == sample.text).toBe(true);
  });
});

describe("Config.getMemory", () => {
  it("gives the value's block, which the plug-in owns", () => {
    setConfig("clé ✓", "välue 日本");
    begin();
    const m = Config.getMemory("clé ✓");
    expect(m === null).toBe(false);
    // "välue 日本" in UTF-8, written out.
    const expected = bytesOf([0x76, 0xc3, 0xa4, 0x6c, 0x75, 0x65, 0x20, 0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac]);
    expect(m!.length).toBe(13);
    expect(firstDifference(blockBytes(m!.offset), expected)).toBe(-1);
    const before = liveBlocks();
    resetCalls();
    m!.free();
    expect(callSummary()).toBe("free=1");
    expect(liveBlocks()).toBe(before - 1);
  });

  it("gives null for a missing key", () => {
    begin();
    expect(Config.getMemory("missing") === null).toBe(true);
  });
});

describe("Config.getJSON", () => {
  it("reads the value as JSON for the type, leaving no block behind", () => {
    setConfig("retries", "7");
    setConfig("names", '["a","b\\"c"]');
    begin();
    expect(Config.getJSON<i32>("retries", 3)).toBe(7);
    expect(leftBlocks()).toBe("", "the value's block is freed");
    const names = Config.getJSON<string[]>("names");
    expect(names.length).toBe(2);
    expect(names[1]).toBe('b"c');
    expect(leftBlocks()).toBe("", "the value's block is freed");
  });

  it("gives the fallback for a missing or empty key, or the type's empty value", () => {
    setConfig("empty", "");
    begin();
    expect(Config.getJSON<i32>("missing", 3)).toBe(3);
    expect(Config.getJSON<i32>("empty", 4)).toBe(4);
    expect(Config.getJSON<i32>("missing")).toBe(0);
    expect(Config.getJSON<string | null>("missing")).toBeNull();
    expect(leftBlocks()).toBe("");
  });

  it("fails the call naming the key when the value is not JSON for the type, leaving no block behind", () => {
    setConfig("retries", "1.0");
    begin();
    expect(abortMessage(() => {
      Config.getJSON<i32>("retries");
    })).toBe("config 'retries' is not valid JSON for i32: expected an integer from -2147483648 to 2147483647, found 1.0 at byte 0");
    expect(leftBlocks()).toBe("", "no leak on the failure path");
  });
});
