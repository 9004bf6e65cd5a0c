/**
 * Who owns the block `var_get` returns: JS SDK 2.x and the Rust runtime hand
 * out a fresh copy per read, the plug-in's to free (unfreed, a 1 MiB var read
 * 300 times in worker mode grew the process by about 670 MB); JS SDK 1.0.3
 * hands out the var's own block, and freeing it destroys the var. The PDK
 * must free the copies and never the var itself: here a var is read hundreds
 * of times on each host, its value checked after every read, and the host's
 * kernel blocks counted before and after (deterministic: through the SDK's
 * own `CallContext.length`, or the strict kernel's block table).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type CallContext, type Host, JS_V1, JS_V2, type LoadedPlugin, type Outcome, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";
import { StrictKernel } from "../../src/testing/strict-kernel.ts";

const WASM = wasmPath("tests/var-ownership");
const SIZE = 64 * 1024;
const READS = 200;

/** The var's value: a JSON string (so `Var.getJSON<string>` can read it too) of ASCII letters, SIZE bytes in all. */
const VALUE = new TextEncoder().encode(JSON.stringify(Array.from({ length: SIZE - 2 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join("")));
assert.equal(VALUE.length, SIZE);

/** The plug-in's checksum: sum of byte * (index % 251 + 1). */
function checksum(bytes: Uint8Array): number {
  let sum = 0;
  bytes.forEach((b, i) => (sum += b * ((i % 251) + 1)));
  return sum;
}

interface Reads {
  before: number;
  after: number;
  same: number;
  length: number;
  sum: number;
}

/** What `read_many` must report for `reads` reads of VALUE the given way (blocks counted apart). */
function expected(way: "bytes" | "string" | "json", reads: number): Omit<Reads, "before" | "after"> {
  const seen = way === "json" ? VALUE.subarray(1, SIZE - 1) : VALUE;
  return { same: reads, length: seen.length, sum: checksum(seen) };
}

/**
 * Host function `live_blocks(minSize)` on the JS SDKs: the live blocks of the
 * SDK's kernel of at least `minSize` bytes. `CallContext.length` gives 0 for
 * a freed block; a handle is `index << 48`, and indices stop at 2^15 (past
 * that, handles are negative and the SDK fails).
 */
function liveBlocksJs(cp: CallContext, minSize: bigint): bigint {
  let n = 0n;
  for (let i = 1n; i < 1n << 15n; i++) if (cp.length(i << 48n) >= minSize) n++;
  return n;
}

/** The bytes a call output; fails the test, with the host's error, if the call failed. */
function bytes(outcome: Outcome): Uint8Array | null {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
  return outcome.output;
}

async function readMany(plugin: LoadedPlugin, way: "bytes" | "string" | "json", reads: number, minSize: number): Promise<Reads> {
  return JSON.parse(text(await plugin.call("read_many", JSON.stringify({ reads, minSize, way })))) as Reads;
}

const JS_CASES: { name: string; host: Host; runInWorker: boolean }[] = [
  { name: "JS 1.0.3 (var_get returns the var's own block)", host: JS_V1, runInWorker: false },
  { name: "JS 2.0.0-rc13 in the foreground (a copy per read; kernel reset per call)", host: JS_V2, runInWorker: false },
  { name: "JS 2.0.0-rc13 in worker mode (a copy per read, kept until freed)", host: JS_V2, runInWorker: true },
];

for (const { name, host, runInWorker } of JS_CASES) {
  describe(`Var reads on ${name}`, () => {
    it(`${READS} reads per call, three calls, each way: the value intact every time, no block of its size left behind`, { timeout: 120_000 }, async () => {
      const plugin = await host.load(WASM, { runInWorker, functions: { live_blocks: liveBlocksJs as never } });
      try {
        assert.ok((await plugin.call("set_big", VALUE)).ok);
        let first: number | null = null;
        for (const way of ["bytes", "string", "json"] as const) {
          const got = await readMany(plugin, way, READS, SIZE);
          const { before, after, ...rest } = got;
          assert.deepEqual(rest, expected(way, READS), `${way}: every read gave the value`);
          assert.equal(after, before, `${way}: blocks of ${SIZE} bytes before and after ${READS} reads`);
          // Across calls too (in worker mode nothing resets kernel memory between calls).
          first ??= before;
          assert.equal(before, first, `${way}: blocks of ${SIZE} bytes at the start of each call`);
        }
        assert.deepEqual(bytes(await plugin.call("get_big")), VALUE, "the var still holds its value");
        assert.equal(text(await plugin.call("memory_length")), String(SIZE), "Var.getMemory still reads it");
        assert.deepEqual(bytes(await plugin.call("get_big")), VALUE, "and leaves it alone");
      } finally {
        await plugin.close();
      }
    });

    it("the first read of a fresh plug-in (where the PDK asks how the host hands out vars) keeps the value and leaks nothing", async () => {
      const plugin = await host.load(WASM, { runInWorker, functions: { live_blocks: liveBlocksJs as never } });
      try {
        assert.ok((await plugin.call("set_big", VALUE)).ok);
        const { before, after, ...rest } = await readMany(plugin, "bytes", 1, SIZE);
        assert.deepEqual(rest, expected("bytes", 1));
        assert.equal(after, before);
        assert.deepEqual(bytes(await plugin.call("get_big")), VALUE);
      } finally {
        await plugin.close();
      }
    });
  });
}

describe("Var reads on the strict kernel (Rust runtime rules: a fresh copy per var_get, the plug-in's to free)", () => {
  function load(): { kernel: StrictKernel; instance: WebAssembly.Instance } {
    // No leak check: memory_length keeps Var.getMemory's block until the call ends, as documented.
    const kernel = new StrictKernel({ checkLeaks: false });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(WASM)), {
      "extism:host/env": kernel.imports(),
      "extism:host/user": { live_blocks: (minSize: bigint) => BigInt(kernel.countLiveBlocks(Number(minSize))) },
    } as WebAssembly.Imports);
    return { kernel, instance };
  }

  it(`${READS} reads leave every block as it was (all sizes counted), each way, and the value intact`, () => {
    const { kernel, instance } = load();
    assert.ok(kernel.call(instance, "set_big", VALUE).ok);
    for (const way of ["bytes", "string", "json"] as const) {
      const result = kernel.call(instance, "read_many", JSON.stringify({ reads: READS, minSize: 0, way }));
      assert.ok(result.ok, result.ok ? "" : result.error);
      const { before, after, ...rest } = JSON.parse(new TextDecoder().decode(result.output)) as Reads;
      assert.deepEqual(rest, expected(way, READS));
      assert.equal(after, before, `${way}: live blocks before and after ${READS} reads`);
      assert.equal(kernel.calls.get("var_get"), READS + (way === "bytes" ? 1 : 0), "one var_get per read, and one to tell the host's way, once per instance");
      assert.equal(kernel.calls.get("free"), READS + (way === "bytes" ? 1 : 0), "one free per read (and of the probe's copy)");
    }
    const out = kernel.call(instance, "get_big");
    assert.ok(out.ok);
    assert.deepEqual(out.output, VALUE);
    assert.equal(kernel.liveBlocks, 1, "after a call that reads the var, only its output block is live");
    assert.deepEqual(kernel.violations, []);
  });

  it("Var.getMemory gives the host's block and leaves it to the host", () => {
    const { kernel, instance } = load();
    assert.ok(kernel.call(instance, "set_big", VALUE).ok);
    const result = kernel.call(instance, "memory_length");
    assert.ok(result.ok);
    assert.equal(new TextDecoder().decode(result.output), String(SIZE));
    assert.equal(kernel.calls.get("free"), undefined, "nothing freed");
    assert.deepEqual(kernel.violations, []);
  });
});
