import { Host, LogLevel, Memory } from "extism-as-pdk";
import { begin, calls, kernelError, logCount, logLevelAt, logTextAt, resetCalls, setLogLevel, violations } from "./kernel";

afterEach(() => {
  expect(violations()).toBe(0, "no ABI violation");
  setLogLevel(0);
});

describe("Host.log", () => {
  it("sends every level with its text (unit tests are built for modern hosts)", () => {
    setLogLevel(0);
    begin();
    Host.log(LogLevel.Trace, "t ✓");
    Host.log(LogLevel.Debug, "d");
    Host.log(LogLevel.Info, "i");
    Host.log(LogLevel.Warn, "w");
    Host.log(LogLevel.Error, "e");
    expect(logCount()).toBe(5);
    const texts: string[] = ["t ✓", "d", "i", "w", "e"];
    for (let i = 0; i < 5; i++) {
      expect(logLevelAt(i)).toBe(i);
      expect(logTextAt(i)).toBe(texts[i]);
    }
    expect(calls("log_trace")).toBe(1);
  });

  it("filters below the host's level with one get_log_level call and no allocation", () => {
    setLogLevel(3);
    begin();
    resetCalls();
    for (let i = 0; i < 100; i++) Host.log(LogLevel.Debug, "filtered");
    expect(calls("get_log_level")).toBe(100);
    expect(calls("alloc")).toBe(0);
    expect(calls("log_debug")).toBe(0);
    Host.log(LogLevel.Error, "kept");
    expect(logCount()).toBe(1);
    expect(logTextAt(0)).toBe("kept");
  });

  it("logs nothing when the host's logging is off, and says so", () => {
    setLogLevel(-1);
    begin();
    Host.log(LogLevel.Error, "dropped");
    expect(calls("alloc")).toBe(0);
    expect(Host.logLevel()).toBe(LogLevel.Off);
    setLogLevel(2);
    expect(Host.logLevel()).toBe(LogLevel.Info);
  });

  it("logMemory hands the block over, or frees it when filtered", () => {
    setLogLevel(2);
    begin();
    const kept = Memory.allocateString("kept");
    Host.logMemory(LogLevel.Warn, kept);
    expect(kept.offset).toBe(0);
    const dropped = Memory.allocateString("dropped");
    Host.logMemory(LogLevel.Debug, dropped);
    expect(dropped.offset).toBe(0);
    expect(calls("free")).toBe(1);
    expect(logCount()).toBe(1);
  });
});

describe("Host.setError", () => {
  it("sets exactly the message, sized to its UTF-8 bytes", () => {
    begin();
    Host.setError("bad ✓ thing");
    expect(kernelError()).toBe("bad ✓ thing");
    expect(Host.getError()).toBe("bad ✓ thing");
  });

  it("never sets an empty error (error_set(0) is a NUL byte on JS hosts)", () => {
    begin();
    Host.setError("");
    expect(kernelError()).toBe("error");
  });

  it("getError is null before any error", () => {
    begin();
    expect(Host.getError()).toBeNull();
  });
});
