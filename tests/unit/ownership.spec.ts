// A handle given to the host (config_get, var_get, var_set, log_*,
// output_set, error_set) is the host's: the PDK never uses or frees it again.
// The strict kernel frees what those imports take and flags any later use of
// it (and any free of or store into an output or error block) as a violation;
// the exact call lists below show the PDK makes no call on a handed-over block.
import { Config, Host, LogLevel, Memory, Var } from "extism-as-pdk";
import {
  begin,
  callSummary,
  calls,
  firstDifference,
  firstViolation,
  kernelError,
  liveBlocks,
  output,
  pattern,
  resetCalls,
  setConfig,
  setLogLevel,
} from "./kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

/** Allocates and frees blocks, so that any stale handle meets reused memory. */
function churn(): void {
  for (let i = 0; i < 50; i++) {
    const m = Memory.allocateBytes(pattern(1 + (i % 40), <u32>i));
    if (i % 3 != 0) m.free();
  }
}

describe("handles given to the host", () => {
  it("every Memory handed over is emptied, and later frees and copies make no host call", () => {
    setLogLevel(2);
    for (let way = 0; way < 4; way++) {
      begin();
      const m = Memory.allocateString("handed over");
      if (way == 0) Host.outputMemory(m);
      else if (way == 1) Host.logMemory(LogLevel.Error, m);
      else if (way == 2) Host.logMemory(LogLevel.Debug, m); // dropped: freed by the PDK, once
      else Var.setMemory("v", m);
      expect(m.offset).toBe(0, "offset, way " + way.toString());
      expect(m.length).toBe(0, "length, way " + way.toString());
      resetCalls();
      m.free();
      expect(m.toUint8Array().length).toBe(0);
      expect(m.toString()).toBe("");
      expect(callSummary()).toBe("", "way " + way.toString());
    }
    setLogLevel(0);
  });

  it("the output block is never freed or written again", () => {
    begin();
    const data = pattern(50, 12);
    Host.output(data);
    churn();
    Host.log(LogLevel.Info, "after the output");
    expect(firstDifference(output(), data)).toBe(-1);
  });

  it("the error block is never freed or written again, and reads back unchanged", () => {
    begin();
    Host.setError("the error");
    churn();
    expect(Host.getError()).toBe("the error");
    churn();
    expect(kernelError()).toBe("the error");
  });

  it("keys and values given to config_get, var_get, var_set and log_* are never touched again", () => {
    setConfig("c", "config value");
    setLogLevel(0);
    begin();
    const before = liveBlocks();
    for (let i = 0; i < 40; i++) {
      expect(Config.get("c")).toBe("config value");
      Var.setString("k" + (i % 5).toString(), "value " + i.toString());
      Host.log(LogLevel.Info, "log " + i.toString());
      if (i % 4 == 0) Var.remove("k" + (i % 5).toString());
      churn();
    }
    // Left: the blocks churn() keeps on purpose (17 per round); nothing the host was given.
    expect(liveBlocks()).toBe(before + 40 * 17);
    expect(calls("free")).toBe(40 * (1 + 33), "one free per config value read, and churn's own");
  });
});
