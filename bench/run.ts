/**
 * `npm run bench`: this PDK side by side with the floor (raw imports, the
 * fewest host calls the ABI allows) and the official @extism/as-pdk 1.0.0, on
 * @extism/extism 2.0.0-rc13 in its default (foreground) mode.
 *
 * Builds the plug-ins of bench/plugins/, times every workload (workloads.ts),
 * counts host calls on the strict kernel, measures .wasm sizes and linear
 * memory over many calls, checks the targets of the benchmark issue, prints
 * it all as Markdown and writes the same figures to bench/results.json.
 */
import { statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import { build, type BuildJob, buildJobs, ROOT } from "../tools/build.ts";
import { countHostCalls, type HostCalls } from "./host-calls.ts";
import { type Budget, load, memoryAfter, type Plugin, type Subject, timeTogether, type Timing } from "./measure.ts";
import {
  extraTable,
  hostCallTable,
  memoryTable,
  type MemoryFigures,
  type Row,
  type Sizes,
  sizeTable,
  targets,
  targetTable,
  timingTable,
} from "./report.ts";
import { asciiText, FLAVOURS, type FlavourName, MiB, sizeLabel, type Target, wasmPath, type Workload, workloads } from "./workloads.ts";

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Every plug-in under bench/plugins/ (tools/build.ts), and the plain AssemblyScript baseline. */
function benchJobs(): BuildJob[] {
  const jobs = buildJobs().filter((j) => j.out.startsWith(join(ROOT, "build", "bench") + "/"));
  const out = wasmPath("baseline-count-vowels");
  jobs.push({ out, args: ["bench/plugins/baseline/count-vowels.ts", "--config", "bench/plugins/baseline.asconfig.json", "--outFile", relative(ROOT, out)] });
  return jobs;
}

function budgetFor(w: Workload): Budget {
  // Large inputs: a few rounds are stable (each call is long); small ones get many.
  if (w.bytes >= 16 * MiB) return { budgetMs: 0, minRounds: 7, maxRounds: 7 };
  if (w.bytes >= MiB) return { budgetMs: 2500, minRounds: 7, maxRounds: 15 };
  return { budgetMs: 1500, minRounds: 15, maxRounds: 201 };
}

async function measureWorkload(w: Workload): Promise<Row> {
  const all: (Target | null)[] = [...FLAVOURS.map((f) => w.targets[f]), ...Object.values(w.extra)];
  const plugins: Plugin[] = [];
  const subjects: (Subject | null)[] = [];
  for (const t of all) {
    if (t === null) {
      subjects.push(null);
      continue;
    }
    const plugin = await load(t.wasm, w.logLevel);
    plugins.push(plugin);
    subjects.push({ plugin, fn: t.fn, check: w.check });
  }
  let timings: (Timing | null)[];
  try {
    timings = await timeTogether(subjects, w.input, budgetFor(w));
  } finally {
    for (const p of plugins) await p.close();
  }

  // Host calls do not depend on the host: counted up to 1 MiB (16 MiB makes 16x 1 MiB's).
  const level = w.logLevel === "warn" ? 3 : 4;
  const hostCalls = {} as Record<FlavourName, HostCalls | null>;
  for (const f of FLAVOURS) {
    const t = w.targets[f];
    hostCalls[f] = t === null || w.bytes > MiB ? null : countHostCalls(t.wasm, t.fn, w.input, level);
  }
  const timing = Object.fromEntries(FLAVOURS.map((f, i) => [f, timings[i] ?? null])) as Row["timing"];
  const extra = Object.fromEntries(Object.keys(w.extra).map((name, i) => [name, timings[FLAVOURS.length + i] ?? null]));
  return { id: w.id, workload: w.name, bytes: w.bytes, timing, extra, hostCalls, ...(w.floorNote === undefined ? {} : { floorNote: w.floorNote }) };
}

/** .wasm size of each workload's plug-ins (the first workload of each name), and of the extra plug-ins. */
function wasmSizes(list: Workload[]): Sizes {
  const size = (t: Target | null): number | null => (t === null ? null : statSync(t.wasm).size);
  const sizes: Sizes = { plugins: {}, extra: {} };
  for (const w of list) {
    sizes.plugins[w.name] ??= { floor: size(w.targets.floor), official: size(w.targets.official), pdk: size(w.targets.pdk) };
    for (const [name, t] of Object.entries(w.extra)) sizes.extra[`${w.name}: ${name}`] ??= size(t);
  }
  return sizes;
}

async function linearMemory(): Promise<MemoryFigures> {
  const input = asciiText(64);
  const out = {} as MemoryFigures;
  for (const f of FLAVOURS) {
    const plugin = await load(wasmPath(`${f}-echo`));
    const figures: { calls: number; bytes: number }[] = [];
    let done = 0;
    for (const total of [1_000, 10_000, 100_000]) {
      figures.push({ calls: total, bytes: await memoryAfter(plugin, "echo", input, total - done) });
      done = total;
    }
    await plugin.close();
    out[f] = figures;
  }
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  await build(benchJobs());

  const list = workloads();
  const rows: Row[] = [];
  for (const w of list) {
    rows.push(await measureWorkload(w));
    log(`measured ${w.name}, ${sizeLabel(w.bytes)}`);
  }
  const sizes = wasmSizes(list);
  const memory = await linearMemory();
  log("measured linear memory");
  const checked = targets(rows, sizes, memory);

  const host = "@extism/extism 2.0.0-rc13, foreground";
  const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}`;
  const lines = [
    `Median time per call on ${host} (${machine}); MB/s: input bytes per second; ratios: medians of per-round ratios.`,
    "",
    ...timingTable(rows),
    "",
    "Host calls per call (strict kernel):",
    "",
    ...hostCallTable(rows),
    "",
    "Other plug-ins timed in the same rounds:",
    "",
    ...extraTable(rows),
    "",
    ...sizeTable(sizes),
    "",
    ...memoryTable(memory),
    "",
    ...targetTable(checked),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const results = { host, machine, date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, rows, sizes, memory, targets: checked };
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

await main();
