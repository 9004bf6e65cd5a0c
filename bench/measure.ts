/** Timing one plug-in function on @extism/extism 2.0.0-rc13 (foreground mode). */
import { readFileSync } from "node:fs";
import { createPlugin } from "extism-v2";

export type Plugin = Awaited<ReturnType<typeof createPlugin>>;

export async function load(wasm: string, logLevel: "warn" | "error" = "error"): Promise<Plugin> {
  const silent = () => {};
  const logger = { trace: silent, debug: silent, info: silent, warn: silent, error: silent, log: silent } as unknown as Console;
  return createPlugin({ wasm: [{ data: readFileSync(wasm) }] }, { useWasi: false, logger, logLevel });
}

export type Timing = { ok: true; medianNs: number; calls: number } | { ok: false; error: string };

/**
 * Median wall time of `fn(input)` over as many calls as fit in `budgetMs`
 * (at least 5, at most 5,000), after a warm-up. Fails if the first output
 * is not `expected` (when given).
 */
export async function time(plugin: Plugin, fn: string, input: Uint8Array, expected: Uint8Array | null, budgetMs = 1500): Promise<Timing> {
  let first: Uint8Array;
  try {
    const out = await plugin.call(fn, input);
    first = out === null ? new Uint8Array(0) : out.bytes();
  } catch (e) {
    return { ok: false, error: (e as Error).message.split("\n")[0]! };
  }
  if (expected !== null && !Buffer.from(first).equals(Buffer.from(expected))) {
    return { ok: false, error: `wrong output (${first.length} bytes, expected ${expected.length})` };
  }
  const warm = process.hrtime.bigint();
  for (let i = 0; i < 3; i++) await plugin.call(fn, input);
  const estimate = Number(process.hrtime.bigint() - warm) / 3;
  const calls = Math.max(5, Math.min(5000, Math.ceil((budgetMs * 1e6) / Math.max(estimate, 1))));
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    await plugin.call(fn, input);
    samples.push(Number(process.hrtime.bigint() - start));
  }
  samples.sort((a, b) => a - b);
  return { ok: true, medianNs: samples[Math.floor(samples.length / 2)]!, calls };
}

/** The plug-in's linear memory in bytes after `calls` calls of `fn(input)` (counting earlier calls). */
export async function memoryAfter(plugin: Plugin, fn: string, input: Uint8Array, calls: number): Promise<number> {
  for (let i = 0; i < calls; i++) await plugin.call(fn, input);
  const memory = (await plugin.getInstance()).exports.memory as WebAssembly.Memory;
  return memory.buffer.byteLength;
}
