/**
 * AssemblyScript's `console` in a plug-in: the preset routes it to the host's
 * logger (there is no `env.console.*` import for a host to lack), and what
 * cannot work in Extism fails the build naming the fix.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ROOT, runAsc } from "../../tools/build.ts";
import { ALL_HOSTS, wasmPath } from "../support/hosts.ts";
import { readWasmModule } from "../../src/cli/wasm-module.ts";
import { readFileSync } from "node:fs";

const EXPECTED = [
  { level: "info", text: "log ✓ü" },
  { level: "debug", text: "debug ✓ü" },
  { level: "info", text: "info ✓ü" },
  { level: "warn", text: "warn ✓ü" },
  { level: "error", text: "error ✓ü" },
  { level: "error", text: "Assertion failed: not empty: ✓ü" },
  { level: "error", text: "Assertion failed" },
  // console.log() with no message sends nothing, as Host.log does not (older
  // Rust runtimes fail a call on an empty log line).
] as const;

describe("console in plug-ins", () => {
  for (const host of ALL_HOSTS) {
    for (const build of host.modern ? ["tests/console", "tests/console.modern"] : ["tests/console"]) {
      it(`${build} on ${host.name}: each method logs at its level, the call goes on`, async () => {
        const plugin = await host.load(wasmPath(build), { logLevel: "trace" });
        try {
          const out = await plugin.call("console_all", "✓ü");
          assert.ok(out.ok, out.ok ? "" : out.error);
          assert.deepEqual(plugin.logs, EXPECTED);
        } finally {
          await plugin.close();
        }
      });
    }
  }

  it("the modern build asks the host's level: at warn, only warn and error lines are made", async () => {
    const host = ALL_HOSTS.find((h) => h.modern)!;
    const plugin = await host.load(wasmPath("tests/console.modern"), { logLevel: "warn" });
    try {
      assert.ok((await plugin.call("console_all", "x")).ok);
      assert.deepEqual(plugin.logs.map((l) => l.text), ["warn x", "error x", "Assertion failed: not empty: x", "Assertion failed"]);
    } finally {
      await plugin.close();
    }
  });

  it("imports nothing from env", () => {
    const imports = readWasmModule(readFileSync(wasmPath("tests/console"))).imports;
    assert.deepEqual(imports.filter((i) => i.module !== "extism:host/env"), []);
  });
});

describe("imports no Extism host provides fail the build, naming the fix", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "extism-as-imports-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "extism-as-pdk"));
    for (const name of ["assemblyscript", "json-as"]) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** asc's output for `source` built with `config`; fails the test if it builds. */
  async function buildError(source: string, config: object = { extends: "extism-as-pdk/asconfig.json" }): Promise<string> {
    writeFileSync(join(dir, "index.ts"), source);
    writeFileSync(join(dir, "asconfig.json"), JSON.stringify({ ...config, options: { ...(config as { options?: object }).options, outFile: "plugin.wasm" } }));
    try {
      await runAsc(["index.ts", "--config", "asconfig.json"], dir);
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail("it built");
  }

  it("Date.now()", async () => {
    const out = await buildError('import "extism-as-pdk";\nexport function now(): i64 { return Date.now(); }\n');
    assert.match(out, /extism-as-pdk: the plug-in imports env\.Date\.now, which no Extism host provides: Extism gives plug-ins no clock; take the time from a host function, or from the input\./);
  });

  it("console.time()", async () => {
    const out = await buildError('import "extism-as-pdk";\nexport function t(): void { console.time("x"); }\n');
    assert.match(out, /console\.time: Extism gives plug-ins no clock; take the time from a host function/);
  });

  it("a build with the transform but not the preset's routes: abort, console", async () => {
    const out = await buildError('import "extism-as-pdk";\nexport function f(s: string): void { console.log(s); assert(s.length > 0); }\n', {
      options: { transform: ["extism-as-pdk/transform.js"] },
    });
    assert.match(out, /the plug-in imports env\.abort, which no Extism host provides: the build skipped the package's preset, which routes it to the host; add "extends": "\.\/node_modules\/extism-as-pdk\/asconfig\.json" to asconfig\.json\./);
    assert.match(out, /the plug-in imports env\.console\.log, which no Extism host provides: the build skipped the package's preset/);
  });

  it("a WASI import builds, with a warning that only hosts with WASI enabled load it", async () => {
    writeFileSync(
      join(dir, "index.ts"),
      'import "extism-as-pdk";\n@external("wasi_snapshot_preview1", "sched_yield") declare function sched_yield(): i32;\nexport function y(): i32 { return sched_yield(); }\n',
    );
    writeFileSync(join(dir, "asconfig.json"), JSON.stringify({ extends: "extism-as-pdk/asconfig.json", options: { outFile: "plugin.wasm" } }));
    const out = await runAsc(["index.ts", "--config", "asconfig.json"], dir);
    assert.match(out, /WARNING AS102: User-defined: extism-as-pdk: the plug-in imports wasi_snapshot_preview1\.sched_yield \(WASI\): only hosts with WASI enabled can load it\./);
  });

  it("a plug-in that imports none builds", async () => {
    writeFileSync(join(dir, "index.ts"), 'import "extism-as-pdk";\nexport function hi(s: string): string { console.log(s); return s; }\n');
    writeFileSync(join(dir, "asconfig.json"), JSON.stringify({ extends: "extism-as-pdk/asconfig.json", options: { outFile: "plugin.wasm" } }));
    const out = await runAsc(["index.ts", "--config", "asconfig.json"], dir);
    assert.doesNotMatch(out, /extism-as-pdk:/);
  });
});
