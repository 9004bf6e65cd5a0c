// Logging in the default (portable) build, loadable on JS SDK 1.0.3: no
// get_log_level and no log_trace; Trace goes to log_debug and the host
// filters. This file must not call Host.logLevel() (which imports get_log_level).
import { Host, LogLevel, Memory } from "extism-as-pdk";
import {
  begin,
  callSummary,
  firstViolation,
  importsHost,
  logCount,
  logLevelAt,
  logTextAt,
  resetCalls,
  setLogLevel,
} from "../kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
  setLogLevel(0);
});

describe("Host.log (portable build)", () => {
  it("imports neither log_trace nor get_log_level, which JS SDK 1.0.3 lacks", () => {
    expect(importsHost("log_trace")).toBe(false);
    expect(importsHost("get_log_level")).toBe(false);
    expect(importsHost("log_debug")).toBe(true, "the test does import what it uses");
  });

  it("sends Trace to log_debug and every other level to its own import", () => {
    setLogLevel(0);
    const levels: LogLevel[] = [LogLevel.Trace, LogLevel.Debug, LogLevel.Info, LogLevel.Warn, LogLevel.Error];
    const imports: string[] = ["log_debug", "log_debug", "log_info", "log_warn", "log_error"];
    const kernelLevels: i32[] = [1, 1, 2, 3, 4];
    for (let i = 0; i < 5; i++) {
      begin();
      Host.log(levels[i], "msg ✓ " + i.toString());
      expect(callSummary()).toBe("alloc=1 " + imports[i] + "=1 store_u64=2", "level " + i.toString());
      expect(logCount()).toBe(1);
      expect(logLevelAt(0)).toBe(kernelLevels[i]);
      expect(logTextAt(0)).toBe("msg ✓ " + i.toString());
    }
  });

  it("leaves filtering to the host: every message is sent, the host drops those below its level", () => {
    setLogLevel(3);
    begin();
    Host.log(LogLevel.Debug, "dropped");
    expect(callSummary()).toBe("alloc=1 log_debug=1 store_u8=7");
    expect(logCount()).toBe(0);
    Host.log(LogLevel.Error, "kept");
    expect(logCount()).toBe(1);
    expect(logTextAt(0)).toBe("kept");
  });

  it("sends no empty message (older Rust runtimes fail the call on one)", () => {
    begin();
    Host.log(LogLevel.Error, "");
    Host.logMemory(LogLevel.Error, new Memory(0, 0));
    expect(callSummary()).toBe("");
  });

  it("does nothing at all for LogLevel.Off", () => {
    begin();
    Host.log(LogLevel.Off, "never");
    expect(callSummary()).toBe("");
  });

  it("logMemory always hands the block over, and empties the Memory", () => {
    setLogLevel(4);
    begin();
    const m = Memory.allocateString("to the host");
    resetCalls();
    Host.logMemory(LogLevel.Info, m);
    expect(callSummary()).toBe("log_info=1");
    expect(m.offset).toBe(0);
    expect(m.length).toBe(0);
    expect(logCount()).toBe(0, "the host dropped it");
  });
});
