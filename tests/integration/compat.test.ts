/**
 * A plug-in written for the official @extism/as-pdk 1.0.0 compiles with only
 * its import changed, and behaves as the official README says, on every host.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_HOSTS, wasmPath } from "../support/hosts.ts";

describe("official @extism/as-pdk API", () => {
  for (const host of ALL_HOSTS) {
    it(`behaves the same on ${host.name}`, async () => {
      const plugin = await host.load(wasmPath("tests/official-api"), { config: { thing: "cfg ✓" }, logLevel: "trace" });
      const vowels = await plugin.call("count_vowels", "Hello, World! AEIOU");
      assert.ok(vowels.ok);
      assert.deepEqual(JSON.parse(vowels.text), { count: 8, config: "cfg ✓", a: "this is var a" });

      const bytes = Uint8Array.from([0, 1, 2, 250, 255, 7, 8, 9, 10]);
      const echoed = await plugin.call("bytes", bytes);
      assert.ok(echoed.ok);
      assert.deepEqual(echoed.output, bytes);

      const memory = await plugin.call("memory_api", "wörld ✓");
      assert.ok(memory.ok);
      assert.equal(memory.text, "wörld ✓");
      assert.deepEqual(plugin.logs, [
        { level: "info", text: "offset is non-zero: yes" },
        { level: "warn", text: "length 10" },
        { level: "debug", text: "debug" },
        { level: "error", text: "error" },
      ]);

      const vars = await plugin.call("vars", "välue");
      assert.ok(vars.ok);
      assert.equal(vars.text, "6 välue cfg ✓");
      await plugin.close();
    });
  }
});
