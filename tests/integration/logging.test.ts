/**
 * Logging on every host: each level reaches the host's logger with its text,
 * and the host's level filters it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, JS_V1, type LogLevelName, wasmPath } from "../support/hosts.ts";
import { StrictKernel } from "../../src/testing/strict-kernel.ts";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../tools/build.ts";

const LINES = ["trace", "debug", "info", "warn", "error"] as const;

describe("logging", () => {
  for (const host of ALL_HOSTS) {
    it(`portable build on ${host.name}: every level reaches the logger (Trace as debug)`, async () => {
      const plugin = await host.load(wasmPath("tests/core"), { logLevel: "trace" });
      const out = await plugin.call("log_all", "ünï ✓");
      assert.ok(out.ok);
      assert.deepEqual(plugin.logs, [
        { level: "debug", text: "trace ünï ✓" },
        { level: "debug", text: "debug ünï ✓" },
        { level: "info", text: "info ünï ✓" },
        { level: "warn", text: "warn ünï ✓" },
        { level: "error", text: "error ünï ✓" },
      ]);
      await plugin.close();
    });
  }

  for (const host of ALL_HOSTS.filter((h) => h.modern)) {
    it(`modern build on ${host.name}: Trace arrives as trace, and the host's level filters`, async () => {
      for (const level of ["trace", "info", "warn", "error"] as LogLevelName[]) {
        const plugin = await host.load(wasmPath("tests/core.modern"), { logLevel: level });
        assert.ok((await plugin.call("log_all", "x")).ok);
        const expected = LINES.slice(LINES.indexOf(level as (typeof LINES)[number])).map((l) => ({ level: l, text: `${l} x` }));
        assert.deepEqual(plugin.logs, expected, `host at ${level}`);
        await plugin.close();
      }
    });

    it(`modern build on ${host.name}: Host.logLevel() is the host's level`, async () => {
      const levels: [LogLevelName, string][] = [["trace", "0"], ["debug", "1"], ["info", "2"], ["warn", "3"], ["error", "4"], ["silent", "5"]];
      for (const [level, expected] of levels) {
        const plugin = await host.load(wasmPath("tests/log-level.modern"), { logLevel: level });
        const out = await plugin.call("log_level");
        assert.ok(out.ok && out.text === expected, `host at ${level}: got ${JSON.stringify(out)}`);
        await plugin.close();
      }
    });
  }

  it("logMemory hands the block to the logger", async () => {
    for (const host of ALL_HOSTS) {
      const plugin = await host.load(wasmPath("tests/core"), { logLevel: "trace" });
      assert.ok((await plugin.call("log_memory", "from a block ✓")).ok);
      assert.deepEqual(plugin.logs, [{ level: "warn", text: "from a block ✓" }], host.name);
      await plugin.close();
    }
  });

  it("a modern build does not load on JS SDK 1.0.3, naming the missing import", async () => {
    await assert.rejects(JS_V1.load(wasmPath("tests/core.modern")), /get_log_level|log_trace/);
  });

  it("a filtered-out message costs one get_log_level call and no allocation (modern build)", () => {
    const kernel = new StrictKernel({ logLevel: 3 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath("tests/log-level.modern"))), {
      "extism:host/env": kernel.imports(),
    } as WebAssembly.Imports);
    const result = kernel.call(instance, "log_many_debug", "1000");
    assert.ok(result.ok);
    assert.deepEqual(result.logs, [{ level: 3, text: "done" }]);
    assert.equal(kernel.calls.get("get_log_level"), 1001);
    assert.equal(kernel.calls.get("alloc"), 1, "only the warn line allocates");
    assert.equal(kernel.calls.get("log_debug"), undefined);
  });

  it("every plug-in built with the preset imports nothing but extism:host/* (abort, trace, seed routed)", () => {
    const dirs = ["examples", "tests"].map((d) => join(ROOT, "build", d));
    const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".wasm")).map((f) => join(d, f)));
    // A floor, not a count: the list grows with every test plug-in; it only
    // catches an empty or missing build, and each file is checked below.
    assert.ok(files.length >= 15, `${files.length} plug-ins built`);
    for (const file of files) {
      const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(file))).map((i) => i.module));
      assert.ok([...modules].every((m) => m === "extism:host/env" || m === "extism:host/user"), `${file}: ${[...modules].join(", ")}`);
    }
  });
});
