/**
 * Runs plug-in calls on JS SDK 1.0.3 in worker mode, in a plain `node`
 * child process. 1.0.3 starts its worker from a data: URL whose code names a
 * source map; in a process that loaded tsx (as the tests do) Node then fails
 * to resolve that map and the worker dies with "Invalid URL". Users' plain
 * Node processes do not hit this, and neither does this child.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { type Host, JS_V1, type LoadOptions, type Outcome, sdkMemoryOptions } from "./hosts.ts";

const SDK = createRequire(import.meta.url).resolve("@extism/extism").replace(/cjs[/\\]index\.js$/, "esm/mod.js");

const SCRIPT = `
const [sdk, wasm, options, calls] = JSON.parse(process.argv[1]);
const { createPlugin } = await import(sdk);
const { readFileSync } = await import("node:fs");
const { Console } = await import("node:console");
const logger = new Console(process.stderr);
const plugin = await createPlugin({ wasm: [{ data: readFileSync(wasm) }] }, { ...options, logger, useWasi: false, runInWorker: true });
const results = [];
for (const [fn, input] of calls) {
  try {
    const out = await plugin.call(fn, Buffer.from(input, "base64"));
    results.push(out === null ? { ok: true, output: null } : { ok: true, output: Buffer.from(out.bytes()).toString("base64") });
  } catch (e) {
    results.push({ ok: false, error: e.message });
  }
}
await plugin.close();
process.stdout.write(JSON.stringify(results));
`;

/** Calls `fn(input)` for each pair, in order, on one plug-in instance of JS SDK 1.0.3 in worker mode. */
export async function callOnV1Worker(wasm: string, options: Record<string, unknown>, calls: [string, string | Uint8Array][]): Promise<Outcome[]> {
  const encoded = calls.map(([fn, input]) => [fn, Buffer.from(typeof input === "string" ? new TextEncoder().encode(input) : input).toString("base64")]);
  const child = spawn(process.execPath, ["--no-warnings", "--input-type=module", "-e", SCRIPT, JSON.stringify([SDK, wasm, options, encoded])], {
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((ok) => child.on("close", ok));
  if (status !== 0) throw new Error(`plain node failed (${status}): ${stderr}`);
  const raw = JSON.parse(stdout) as ({ ok: true; output: string | null } | { ok: false; error: string })[];
  return raw.map((r): Outcome => {
    if (!r.ok) return r;
    const output = r.output === null ? null : new Uint8Array(Buffer.from(r.output, "base64"));
    return { ok: true, output, text: output === null ? "" : new TextDecoder().decode(output) };
  });
}

/**
 * One call on a fresh plug-in of `host` in worker mode (which HTTP needs):
 * JS SDK 1.0.3 in a plain node child, 2.x in this process.
 */
export async function callInWorker(host: Host, wasm: string, fn: string, input: string | Uint8Array, options: LoadOptions): Promise<Outcome> {
  if (host === JS_V1) {
    const { maxVarBytes: _, maxHttpResponseBytes: __, ...rest } = options;
    const memory = sdkMemoryOptions(options);
    return (await callOnV1Worker(wasm, Object.keys(memory).length > 0 ? { ...rest, memory } : rest, [[fn, input]]))[0]!;
  }
  const plugin = await host.load(wasm, { ...options, runInWorker: true });
  try {
    return await plugin.call(fn, input);
  } finally {
    await plugin.close();
  }
}
