/**
 * Host calls per plug-in call, counted on the project's strict test kernel
 * (src/testing/strict-kernel.ts: the Rust runtime's rules, every import
 * counted). The count does not depend on the host, only on what the plug-in
 * asks; the strict kernel also proves the plug-in breaks none of the ABI's rules.
 */
import { readFileSync } from "node:fs";
import { type Level, StrictKernel } from "../src/testing/strict-kernel.ts";

/** The imports called in one call, by name, and their total; or why the call failed. */
export type HostCalls = { ok: true; total: number; byImport: Record<string, number> } | { ok: false; error: string };

/** Runs `fn(input)` once on a fresh strict kernel (host log level `logLevel`) and counts its host calls. */
export function countHostCalls(wasm: string, fn: string, input: Uint8Array, logLevel: Level): HostCalls {
  const kernel = new StrictKernel({ logLevel });
  const module = new WebAssembly.Module(readFileSync(wasm));
  try {
    const instance = new WebAssembly.Instance(module, { "extism:host/env": kernel.imports() });
    const result = kernel.call(instance, fn, input);
    if (!result.ok) return { ok: false, error: result.error.split("\n")[0]! };
  } catch (e) {
    return { ok: false, error: (e instanceof Error ? e.message : String(e)).split("\n")[0]! };
  }
  const byImport = Object.fromEntries([...kernel.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
  const total = Object.values(byImport).reduce((sum, n) => sum + n, 0);
  return { ok: true, total, byImport };
}
