// Logging in the modern build (EXTISM_MODERN_HOST=1, as-pect.asconfig.json):
// the PDK asks get_log_level once per message and drops a message below the
// host's level before allocating anything. tests/unit/portable/ covers the
// default build.
import { Host, LogLevel, Memory } from "extism-as-pdk";
import {
  begin,
  callSummary,
  calls,
  firstViolation,
  importsHost,
  logCount,
  logLevelAt,
  logTextAt,
  resetCalls,
  setLogLevel,
  utf8Pattern,
} from "./kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
  setLogLevel(0);
});

const IMPORTS: string[] = ["log_trace", "log_debug", "log_info", "log_warn", "log_error"];

function levelOf(i: i32): LogLevel {
  const levels: LogLevel[] = [LogLevel.Trace, LogLevel.Debug, LogLevel.Info, LogLevel.Warn, LogLevel.Error];
  return levels[i];
}

describe("Host.log (modern build)", () => {
  it("imports log_trace and get_log_level (JS SDK 2.x, Rust runtime)", () => {
    expect(importsHost("log_trace")).toBe(true);
    expect(importsHost("get_log_level")).toBe(true);
  });

  it("sends every level to its own import, with its text", () => {
    setLogLevel(0);
    const texts: string[] = ["trace ✓", "debug", "info 日本", "warn", "error 🎉"];
    for (let i = 0; i < 5; i++) {
      begin();
      Host.log(levelOf(i), texts[i]);
      expect(calls(IMPORTS[i])).toBe(1, "one call of " + IMPORTS[i]);
      expect(logCount()).toBe(1);
      expect(logLevelAt(0)).toBe(i);
      expect(logTextAt(0)).toBe(texts[i]);
    }
  });

  it("at every host level, sends what is at or above it and drops the rest before allocating", () => {
    for (let host = -1; host <= 4; host++) {
      setLogLevel(host);
      for (let level = 0; level <= 4; level++) {
        begin();
        Host.log(levelOf(level), "m");
        const where = "message " + level.toString() + ", host " + host.toString();
        if (host >= 0 && level >= host) {
          expect(callSummary()).toBe("alloc=1 get_log_level=1 " + IMPORTS[level] + "=1 store_u8=1", where);
          expect(logCount()).toBe(1, where);
        } else {
          expect(callSummary()).toBe("get_log_level=1", where + ": one host call, no allocation");
          expect(logCount()).toBe(0, where);
        }
      }
    }
  });

  it("costs exactly one get_log_level call per dropped message", () => {
    setLogLevel(3);
    begin();
    for (let i = 0; i < 100; i++) Host.log(LogLevel.Debug, "filtered " + i.toString());
    expect(callSummary()).toBe("get_log_level=100");
  });

  it("never sends a message at LogLevel.Off, nor allocates for it", () => {
    setLogLevel(0);
    begin();
    Host.log(LogLevel.Off, "never");
    expect(calls("alloc")).toBe(0);
    for (let i = 0; i < 5; i++) expect(calls(IMPORTS[i])).toBe(0, IMPORTS[i]);
    expect(calls("get_log_level")).toBeLessThanOrEqual(1);
  });

  it("sends no empty message (older Rust runtimes fail the call on one)", () => {
    setLogLevel(0);
    begin();
    Host.log(LogLevel.Error, "");
    Host.logMemory(LogLevel.Error, Memory.allocate(0));
    expect(calls("alloc")).toBe(1, "the empty Memory's own");
    for (let i = 0; i < 5; i++) expect(calls(IMPORTS[i])).toBe(0, IMPORTS[i]);
    expect(logCount()).toBe(0);
  });

  it("sends long text whole", () => {
    setLogLevel(0);
    begin();
    const sample = utf8Pattern(100000, 5);
    Host.log(LogLevel.Info, sample.text);
    expect(logTextAt(0) == sample.text).toBe(true);
  });
});

describe("Host.logLevel", () => {
  it("reports the host's level, and Off when the host logs nothing", () => {
    for (let host = 0; host <= 4; host++) {
      setLogLevel(host);
      begin();
      expect(Host.logLevel()).toBe(levelOf(host));
      expect(callSummary()).toBe("get_log_level=1");
    }
    setLogLevel(-1);
    expect(Host.logLevel()).toBe(LogLevel.Off);
  });
});

describe("Host.logMemory", () => {
  it("hands the block to the host at or above its level, and empties the Memory", () => {
    setLogLevel(2);
    begin();
    const m = Memory.allocateString("kept ✓");
    resetCalls();
    Host.logMemory(LogLevel.Warn, m);
    expect(callSummary()).toBe("get_log_level=1 log_warn=1");
    expect(m.offset).toBe(0);
    expect(m.length).toBe(0);
    expect(logTextAt(0)).toBe("kept ✓");
    expect(logLevelAt(0)).toBe(3);
  });

  it("frees the block below the host's level, and empties the Memory", () => {
    setLogLevel(2);
    begin();
    const m = Memory.allocateString("dropped");
    resetCalls();
    Host.logMemory(LogLevel.Debug, m);
    expect(callSummary()).toBe("free=1 get_log_level=1");
    expect(m.offset).toBe(0);
    expect(logCount()).toBe(0);
  });
});
