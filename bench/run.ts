/**
 * `npm run bench`: this PDK side by side with the floor (raw imports, the
 * fewest host calls the ABI allows) and the official @extism/as-pdk 1.0.0, on
 * @extism/extism 2.0.0-rc13 in its default (foreground) mode.
 *
 * Builds the plug-ins of bench/plugins/, times every workload (workloads.ts),
 * counts host calls on the strict kernel, times the plug-in side alone
 * against a bare kernel (plugin-side.ts), measures .wasm sizes and linear
 * memory over many calls, checks the targets of the benchmark issue, prints
 * it all as Markdown and writes the same figures to bench/results.json.
 */
import { statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import { build, type BuildJob, buildJobs, ROOT } from "../tools/build.ts";
import { countHostCalls, type HostCalls } from "./host-calls.ts";
import { pluginSideNs } from "./plugin-side.ts";
import { pluginSizes } from "./sizes.ts";
import { type Budget, load, memoryAfter, mergeTimings, type Plugin, type Subject, timeTogether, type Timing } from "./measure.ts";
import {
  extraTable,
  workloadNotes,
  hostCallTable,
  memoryTable,
  pluginSideTable,
  type MemoryFigures,
  type Row,
  type Sizes,
  breakdownTable,
  sizeTable,
  targets,
  targetTable,
  timingTable,
} from "./report.ts";
import { asciiText, FLAVOURS, type FlavourName, MiB, sizeLabel, type Target, wasmPath, type Workload, workloads } from "./workloads.ts";

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * Every plug-in under bench/plugins/ and examples/ (tools/build.ts), and the
 * plain AssemblyScript baseline, each with asc's text of it next to it
 * (`--textFile X.wast`: the names bench/breakdown.ts reads; the .wasm is the
 * same).
 */
function benchJobs(): BuildJob[] {
  const under = (dir: string) => (j: BuildJob) => j.out.startsWith(join(ROOT, "build", dir) + "/");
  const jobs = buildJobs().filter((j) => under("bench")(j) || under("examples")(j));
  const out = wasmPath("baseline-count-vowels");
  jobs.push({ out, args: ["bench/plugins/baseline/count-vowels.ts", "--config", "bench/plugins/baseline.asconfig.json", "--outFile", relative(ROOT, out)] });
  return jobs.map((j) => ({ ...j, args: [...j.args, "--textFile", relative(j.cwd ?? ROOT, j.out.replace(/\.wasm$/, ".wast"))] }));
}

function budgetFor(w: Workload): Budget {
  // Large inputs: a few rounds are stable (each call is long); small ones get many.
  if (w.bytes >= 16 * MiB) return { budgetMs: 0, minRounds: 7, maxRounds: 7 };
  if (w.bytes >= MiB) return { budgetMs: 3000, minRounds: 21, maxRounds: 60 };
  return { budgetMs: 2000, minRounds: 15, maxRounds: 300 };
}

/**
 * Times every plug-in of `w` (flavours and extras) together. The plug-ins
 * are loaded and timed in one pass per plug-in, each pass loading them in a
 * rotated order: in one process, the order of loading can shift a plug-in's
 * time by a few per cent, and rotating spreads that over all of them.
 */
async function timeWorkload(w: Workload): Promise<(Timing | null)[]> {
  const all: (Target | null)[] = [...FLAVOURS.map((f) => w.targets[f]), ...Object.values(w.extra)];
  const present = all.flatMap((t, i) => (t === null ? [] : [i]));
  const budget = budgetFor(w);
  const perPass: Budget = {
    budgetMs: budget.budgetMs / present.length,
    minRounds: Math.ceil(budget.minRounds / present.length),
    maxRounds: Math.ceil(budget.maxRounds / present.length),
  };
  const passes: (Timing | null)[][] = [];
  for (let pass = 0; pass < present.length; pass++) {
    const subjects: (Subject | null)[] = all.map(() => null);
    const plugins: Plugin[] = [];
    try {
      for (let k = 0; k < present.length; k++) {
        const i = present[(pass + k) % present.length]!;
        const t = all[i]!;
        const plugin = await load(t.wasm, w.logLevel);
        plugins.push(plugin);
        subjects[i] = { plugin, fn: t.fn, check: w.check };
      }
      passes.push(await timeTogether(subjects, w.input, perPass));
    } finally {
      for (const p of plugins) await p.close();
    }
  }
  return all.map((_, i) => mergeTimings(passes.map((p) => p[i] ?? null)));
}

async function measureWorkload(w: Workload): Promise<Row> {
  const timings = await timeWorkload(w);

  // Host calls do not depend on the host: counted up to 1 MiB (16 MiB makes 16x 1 MiB's).
  const level = w.logLevel === "warn" ? 3 : 4;
  const hostCalls = {} as Record<FlavourName, HostCalls | null>;
  for (const f of FLAVOURS) {
    const t = w.targets[f];
    hostCalls[f] = t === null || w.bytes > MiB ? null : countHostCalls(t.wasm, t.fn, w.input, level);
  }
  const hostCallsExtra: Record<string, HostCalls | null> = {};
  for (const [name, t] of Object.entries(w.extra)) hostCallsExtra[name] = w.bytes > MiB ? null : countHostCalls(t.wasm, t.fn, w.input, level);
  // The plug-in side alone, up to 1 MiB.
  const all = [...FLAVOURS.map((f) => w.targets[f]), ...Object.values(w.extra)];
  const side = w.bytes > MiB ? all.map(() => null) : pluginSideNs(all, w.input, level, w.check, 21);

  const byFlavour = <T>(list: T[]) => Object.fromEntries(FLAVOURS.map((f, i) => [f, list[i] ?? null])) as Record<FlavourName, T | null>;
  const byExtra = <T>(list: T[]) => Object.fromEntries(Object.keys(w.extra).map((name, i) => [name, list[FLAVOURS.length + i] ?? null]));
  return {
    id: w.id,
    workload: w.name,
    bytes: w.bytes,
    timing: byFlavour(timings),
    extra: byExtra(timings),
    hostCalls,
    hostCallsExtra,
    pluginSide: byFlavour(side),
    pluginSideExtra: byExtra(side),
    ...(w.note === undefined ? {} : { note: w.note }),
  };
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
  const breakdown = pluginSizes();
  const memory = await linearMemory();
  log("measured linear memory");
  const checked = targets(rows, sizes, memory, breakdown);

  const host = "@extism/extism 2.0.0-rc13, foreground";
  const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}`;
  const lines = [
    `Median time per call on ${host} (${machine}); MB/s: input bytes per second; ratios: medians of per-round ratios.`,
    "",
    ...timingTable(rows),
    "",
    ...workloadNotes(rows),
    "",
    "Host calls per call (strict kernel):",
    "",
    ...hostCallTable(rows),
    "",
    "Plug-in side alone (each plug-in against a bare kernel in this process, no host; up to 1 MiB):",
    "",
    ...pluginSideTable(rows),
    "",
    "Other plug-ins timed in the same rounds:",
    "",
    ...extraTable(rows),
    "",
    ...sizeTable(sizes),
    "",
    "Where the bytes go (bench/breakdown.ts; code and static data of each part, inlined code counted where it was inlined):",
    "",
    ...breakdownTable(breakdown),
    "",
    ...memoryTable(memory),
    "",
    ...targetTable(checked),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const results = { host, machine, date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, rows, sizes, breakdown, memory, targets: checked };
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

await main();
