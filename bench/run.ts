/**
 * `npm run bench`: this PDK side by side with the floor (raw imports, the
 * fewest host calls the ABI allows) and the official @extism/as-pdk 1.0.0,
 * on @extism/extism 2.0.0-rc13 in its default (foreground) mode. Prints a
 * Markdown table and writes the same figures to bench/results.json.
 */
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, buildJobs, ROOT } from "../tools/build.ts";
import { load, memoryAfter, time, type Timing } from "./measure.ts";

const wasm = (name: string) => join(ROOT, "build", `${name}.wasm`);
const KiB = 1024;
const MiB = 1024 * KiB;

interface Flavour {
  wasm: string;
  fn: string;
}

interface Workload {
  name: string;
  bytes: number;
  input: Uint8Array;
  /** The right output, or null when only the PDK's own is checked. */
  expected: Uint8Array | null;
  floor: Flavour | null;
  official: Flavour;
  pdk: Flavour;
  logLevel?: "warn";
}

function ascii(n: number): Uint8Array {
  const text = "The quick brown fox jumps over the lazy dog. ";
  return new TextEncoder().encode(text.repeat(Math.ceil(n / text.length)).slice(0, n));
}

/** Mixed ASCII and non-ASCII text of exactly n bytes (whole characters, padded with ASCII). */
function mixed(n: number): Uint8Array {
  const unit = new TextEncoder().encode("héllo wörld ✓ 日本 🎉 plain ascii text; ");
  const out = new Uint8Array(n);
  let i = 0;
  while (i + unit.length <= n) {
    out.set(unit, i);
    i += unit.length;
  }
  out.fill(0x2e, i);
  return out;
}

const floor = (name: string, fn: string): Flavour => ({ wasm: wasm(`bench/floor-${name}`), fn });
const official = (fn: string): Flavour => ({ wasm: wasm("bench/official"), fn });
const pdk = (fn: string, modern = false): Flavour => ({ wasm: wasm(modern ? "bench/pdk.modern" : "bench/pdk"), fn });

function workloads(): Workload[] {
  const list: Workload[] = [];
  for (const n of [0, KiB, 64 * KiB, MiB, 16 * MiB]) {
    const input = ascii(n);
    list.push({ name: "echo bytes", bytes: n, input, expected: input, floor: floor("echo", "echo"), official: official("echo"), pdk: pdk("echo") });
  }
  for (const n of [KiB, MiB]) {
    const input = mixed(n);
    list.push({ name: "echo string", bytes: n, input, expected: input, floor: floor("echo", "echo"), official: official("echo_string"), pdk: pdk("echo_string") });
  }
  for (const n of [KiB, MiB]) {
    const input = ascii(n);
    list.push({
      name: "count-vowels",
      bytes: n,
      input,
      expected: null,
      floor: floor("count-vowels", "count_vowels"),
      official: official("count_vowels"),
      pdk: { wasm: wasm("examples/count-vowels"), fn: "count_vowels" },
    });
  }
  for (const n of [KiB, 64 * KiB]) {
    const input = ascii(n);
    list.push({ name: "vars", bytes: n, input, expected: input, floor: floor("vars", "vars"), official: official("vars"), pdk: pdk("vars") });
  }
  const order = new TextEncoder().encode(
    JSON.stringify({ id: 12345678, customer: "Zoe Example", items: ["apple", "banana", "cherry", "dates", "elderberry"], total: 42.5, express: true }) +
      " ".repeat(60),
  );
  list.push({ name: "JSON", bytes: order.length, input: order, expected: null, floor: null, official: official("json"), pdk: pdk("json") });
  list.push({
    name: "1,000 filtered debug logs",
    bytes: 0,
    input: new Uint8Array(0),
    expected: new Uint8Array(0),
    floor: floor("log", "log_filtered"),
    official: official("log_filtered"),
    pdk: pdk("log_filtered", true),
    logLevel: "warn",
  });
  return list;
}

interface Row {
  workload: string;
  bytes: number;
  floor: Timing | null;
  official: Timing;
  pdk: Timing;
}

const show = (t: Timing | null): string => (t === null ? "—" : t.ok ? `${(t.medianNs / 1000).toFixed(1)} µs` : `fails: ${t.error}`);
const mbps = (t: Timing | null, bytes: number): string => (t !== null && t.ok && bytes >= KiB ? `${((bytes / t.medianNs) * 1000).toFixed(0)}` : "");
const ratio = (a: Timing, b: Timing | null): string => (b !== null && a.ok && b.ok ? (a.medianNs / b.medianNs).toFixed(2) : "—");
const size = (n: number): string => (n === 0 ? "0 B" : n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);

async function measure(flavour: Flavour | null, w: Workload): Promise<Timing | null> {
  if (flavour === null) return null;
  const plugin = await load(flavour.wasm, w.logLevel ?? "error");
  try {
    const budget = w.bytes >= 16 * MiB ? 6000 : 1500;
    return await time(plugin, flavour.fn, w.input, w.expected, budget);
  } finally {
    await plugin.close();
  }
}

async function main(): Promise<void> {
  await build(buildJobs().filter((j) => j.out.includes("/bench/") || j.out.endsWith("count-vowels.wasm")));
  const rows: Row[] = [];
  for (const w of workloads()) {
    const row: Row = { workload: w.name, bytes: w.bytes, floor: await measure(w.floor, w), official: (await measure(w.official, w))!, pdk: (await measure(w.pdk, w))! };
    rows.push(row);
    process.stderr.write(`measured ${w.name} ${size(w.bytes)}\n`);
  }

  const lines = [
    "| workload | size | floor | official | this PDK | MB/s (this) | this/floor | this/official |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.workload} | ${size(r.bytes)} | ${show(r.floor)} | ${show(r.official)} | ${show(r.pdk)} | ${mbps(r.pdk, r.bytes)} | ${ratio(r.pdk, r.floor)} | ${ratio(r.pdk, r.official)} |`),
  ];

  const sizes = {
    "count-vowels (floor)": statSync(wasm("bench/floor-count-vowels")).size,
    "count-vowels (official, as its README builds it)": statSync(wasm("bench/official-count-vowels")).size,
    "count-vowels (this PDK, examples/count-vowels)": statSync(wasm("examples/count-vowels")).size,
  };
  lines.push("", "| .wasm | bytes |", "| --- | --- |", ...Object.entries(sizes).map(([k, v]) => `| ${k} | ${v} |`));

  const memory: Record<string, { after1k: number; after10k: number; after100k: number }> = {};
  const small = ascii(64);
  for (const [name, flavour] of [["floor", floor("echo", "echo")], ["official", official("echo")], ["this PDK", pdk("echo")]] as const) {
    const plugin = await load(flavour.wasm);
    const after1k = await memoryAfter(plugin, flavour.fn, small, 1000);
    const after10k = await memoryAfter(plugin, flavour.fn, small, 9000);
    const after100k = await memoryAfter(plugin, flavour.fn, small, 90_000);
    memory[name] = { after1k, after10k, after100k };
    await plugin.close();
  }
  lines.push(
    "",
    "| linear memory, 64-byte echo | after 1,000 calls | after 10,000 calls | after 100,000 calls |",
    "| --- | --- | --- | --- |",
    ...Object.entries(memory).map(([k, v]) => `| ${k} | ${v.after1k} | ${v.after10k} | ${v.after100k} |`),
  );

  const table = lines.join("\n");
  process.stdout.write(`${table}\n`);
  writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify({ host: "@extism/extism 2.0.0-rc13 (foreground)", node: process.version, rows, sizes, memory }, null, 2) + "\n");
}

await main();
