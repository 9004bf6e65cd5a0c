/**
 * 100,000 calls of a plug-in that reads input, config and a var, logs, and
 * writes output: every output right, memory flat after warm-up.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { JS_V1, JS_V2, wasmPath } from "../support/hosts.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

describe("soak", () => {
  it("JS 2.0.0-rc13: 100,000 calls, every output right, plug-in and host memory flat", { timeout: 300_000 }, async () => {
    const plugin = await JS_V2.load(wasmPath("tests/reliability"), { config: { suffix: "cfg ✓" }, logLevel: "warn" });
    const instance = await plugin.instance();
    const linear = () => (instance.exports.memory as WebAssembly.Memory).buffer.byteLength;
    const checkpoints = new Map<number, { linear: number; heap: number }>();
    for (let n = 1; n <= 100_000; n++) {
      const input = `in-${n % 977}`;
      const out = await plugin.call("soak", input);
      if (!out.ok || out.text !== `${input}|cfg ✓|${n}`) assert.fail(`call ${n}: ${JSON.stringify(out)}`);
      if (n === 10_000 || n === 100_000) checkpoints.set(n, { linear: linear(), heap: heapUsed() });
    }
    const warm = checkpoints.get(10_000)!;
    const end = checkpoints.get(100_000)!;
    assert.equal(end.linear, warm.linear, "the plug-in's linear memory did not grow after warm-up");
    assert.ok(end.heap - warm.heap < 8 * 1024 * 1024, `host heap grew by ${end.heap - warm.heap} bytes`);
    assert.deepEqual(plugin.logs, [], "info lines are filtered by the host at warn");
    await plugin.close();
  });

  it("JS 1.0.3: its block index runs out after 2^15 blocks; plugin.reset() cures it", { timeout: 120_000 }, async () => {
    // JS SDK 1.0.3 never reuses block indices (a host bug): after 32,768
    // blocks over a plug-in's life every call fails. The soak call makes 8
    // (input, output, 2 config, 3 var, 1 log: the fewest for its work), so
    // the limit comes after 4,095 calls; reset() (which also drops 1.0.3's
    // vars) starts over.
    const plugin = await JS_V1.load(wasmPath("tests/reliability"), { config: { suffix: "s" } });
    let calls = 0;
    let failure = "";
    while (calls < 10_000) {
      const out = await plugin.call("soak", "x");
      if (!out.ok) {
        failure = out.error;
        break;
      }
      calls++;
    }
    assert.equal(calls, 4095, `8 blocks per call: ${failure}`);
    assert.match(failure, /^cannot assign to this block/);
    await plugin.reset();
    const after = await plugin.call("soak", "again");
    assert.ok(after.ok && after.text === "again|s|1", JSON.stringify(after));
    await plugin.close();
  });
});
