/** The benchmark's figures as Markdown tables, and the issue's targets checked against them. */
import { PART_TITLES, PARTS } from "./breakdown.ts";
import type { HostCalls } from "./host-calls.ts";
import { median, type Timing } from "./measure.ts";
import { type PluginSize, unusedCode } from "./sizes.ts";
import { FLAVOURS, type FlavourName, KiB, PDK_ECHO_BYTES, PDK_MINIMAL, PDK_TYPED, sizeLabel } from "./workloads.ts";

/**
 * The .wasm bytes of bench/plugins/pdk-json-class.ts built with the preset
 * before the size work (commit d31ab95): the JSON goal is half of it.
 */
export const JSON_CLASS_BEFORE = 41_762;

/** Everything measured for one workload. */
export interface Row {
  id: string;
  workload: string;
  bytes: number;
  timing: Record<FlavourName, Timing | null>;
  /** Other plug-ins timed in the same rounds (workloads.ts `extra`). */
  extra: Record<string, Timing | null>;
  hostCalls: Record<FlavourName, HostCalls | null>;
  hostCallsExtra: Record<string, HostCalls | null>;
  /** ns per call of the plug-in side alone (plugin-side.ts), null beyond 1 MiB or on failure. */
  pluginSide: Record<FlavourName, number | null>;
  pluginSideExtra: Record<string, number | null>;
  note?: string;
}

/** .wasm bytes: each workload's plug-ins by flavour, and the extra plug-ins by name. */
export interface Sizes {
  plugins: Record<string, Record<FlavourName, number | null>>;
  extra: Record<string, number | null>;
}

/** Linear memory of each flavour's echo plug-in after so many calls. */
export type MemoryFigures = Record<FlavourName, { calls: number; bytes: number }[]>;

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

const FLAVOUR_TITLE: Record<FlavourName, string> = { floor: "floor", official: "official", pdk: "this PDK" };

export function time(ns: number): string {
  if (ns < 10_000) return `${(ns / 1000).toFixed(2)} µs`;
  if (ns < 1_000_000) return `${(ns / 1000).toFixed(1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

const mbps = (bytes: number, ns: number): number => (bytes / ns) * 1000;
const count = (n: number): string => n.toLocaleString("en-US");

function cell(t: Timing | null, bytes: number): string {
  if (t === null) return "—";
  if (!t.ok) return t.error;
  return bytes >= KiB ? `${time(t.medianNs)} (${mbps(bytes, t.medianNs).toFixed(0)} MB/s)` : time(t.medianNs);
}

/**
 * `a / b` of two timings of the same workload (timed in the same rounds), or
 * null when either is missing: the median of the per-round ratios.
 */
export function ratio(a: Timing | null, b: Timing | null): number | null {
  if (a === null || b === null || !a.ok || !b.ok) return null;
  if (a.rounds.length !== b.rounds.length) throw new Error("ratio of timings from different rounds");
  return median(a.rounds.map((x, i) => x / b.rounds[i]!).sort((x, y) => x - y));
}

const showRatio = (r: number | null): string => (r === null ? "—" : r.toFixed(2));

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

export function timingTable(rows: Row[]): string[] {
  return table(
    ["workload", "input", "floor", "official", "this PDK", "this/floor", "this/official"],
    rows.map((r) => [
      r.workload,
      sizeLabel(r.bytes),
      cell(r.timing.floor, r.bytes),
      cell(r.timing.official, r.bytes),
      cell(r.timing.pdk, r.bytes),
      showRatio(ratio(r.timing.pdk, r.timing.floor)),
      showRatio(ratio(r.timing.pdk, r.timing.official)),
    ]),
  );
}

/** What the floor of a workload is, where the table alone does not say. */
export function workloadNotes(rows: Row[]): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const r of rows) {
    if (r.note === undefined || seen.has(r.workload)) continue;
    seen.add(r.workload);
    notes.push(`- ${r.workload}: ${r.note}.`);
  }
  return notes;
}

/** The extra plug-ins, each against the floor and this PDK of its workload. */
export function extraTable(rows: Row[]): string[] {
  const lines: string[][] = [];
  for (const r of rows) {
    for (const [name, t] of Object.entries(r.extra)) {
      const side = r.pluginSideExtra[name] ?? null;
      lines.push([
        r.workload,
        sizeLabel(r.bytes),
        name,
        cell(t, r.bytes),
        showRatio(ratio(t, r.timing.floor)),
        showRatio(ratio(r.timing.pdk, t)),
        side === null ? "—" : time(side),
      ]);
    }
  }
  return table(["workload", "input", "plug-in", "time", "it/floor", "this PDK/it", "plug-in side"], lines);
}

/**
 * The PDK's own work per call: this PDK's plug-in side minus the floor's, as
 * a share of the floor's whole call on the JS host; null without both.
 */
export function ownWork(r: Row): number | null {
  const p = r.pluginSide.pdk;
  const f = r.pluginSide.floor;
  const host = r.timing.floor;
  return p === null || f === null || host === null || !host.ok ? null : (p - f) / host.medianNs;
}

const percent = (x: number): string => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

export function pluginSideTable(rows: Row[]): string[] {
  const show = (n: number | null): string => (n === null ? "—" : time(n));
  return table(
    ["workload", "input", "floor", "official", "this PDK", "this − floor", "this − floor, share of the floor's call on the host"],
    rows
      .filter((r) => FLAVOURS.some((f) => r.pluginSide[f] !== null))
      .map((r) => {
        const own = ownWork(r);
        const p = r.pluginSide.pdk;
        const f = r.pluginSide.floor;
        return [
          r.workload,
          sizeLabel(r.bytes),
          show(r.pluginSide.floor),
          show(r.pluginSide.official),
          show(r.pluginSide.pdk),
          p === null || f === null ? "—" : `${p >= f ? "+" : "−"}${time(Math.abs(p - f))}`,
          own === null ? "—" : percent(own),
        ];
      }),
  );
}

function calls(c: HostCalls | null): string {
  if (c === null) return "—";
  return c.ok ? count(c.total) : `fails: ${c.error.length > 60 ? `${c.error.slice(0, 57)}...` : c.error}`;
}

export function hostCallTable(rows: Row[]): string[] {
  return table(
    ["workload", "input", "floor", "official", "this PDK"],
    rows.filter((r) => r.bytes <= 64 * KiB).map((r) => [r.workload, sizeLabel(r.bytes), calls(r.hostCalls.floor), calls(r.hostCalls.official), calls(r.hostCalls.pdk)]),
  );
}

export function sizeTable(sizes: Sizes): string[] {
  const show = (n: number | null): string => (n === null ? "—" : count(n));
  return [
    ...table(
      ["plug-in (.wasm bytes)", "floor", "official", "this PDK"],
      Object.entries(sizes.plugins).map(([name, s]) => [name, show(s.floor), show(s.official), show(s.pdk)]),
    ),
    "",
    ...table(["other plug-in", ".wasm bytes"], Object.entries(sizes.extra).map(([name, n]) => [name, show(n)])),
  ];
}

/** Each plug-in's bytes by part (bench/breakdown.ts), this PDK's first, then the floor, official and baseline ones. */
export function breakdownTable(list: PluginSize[]): string[] {
  const ours = (s: PluginSize) => (s.uses === null ? 1 : 0);
  const sorted = list.slice().sort((a, b) => ours(a) - ours(b) || a.name.localeCompare(b.name));
  return table(
    ["plug-in", ".wasm bytes", ...PARTS.map((p) => PART_TITLES[p])],
    sorted.map((s) => [s.name, count(s.bytes), ...PARTS.map((p) => count(s.parts[p]))]),
  );
}

export function memoryTable(memory: MemoryFigures): string[] {
  const counts = memory.pdk.map((m) => m.calls);
  return table(
    ["linear memory (bytes), 64-byte echo", ...counts.map((n) => `after ${count(n)} calls`)],
    FLAVOURS.map((f) => [FLAVOUR_TITLE[f], ...memory[f].map((m) => count(m.bytes))]),
  );
}

/** The issue's targets, each with the figure it is judged on. */
export function targets(rows: Row[], sizes: Sizes, memory: MemoryFigures, breakdown: PluginSize[]): Target[] {
  const out: Target[] = [];

  // Host calls: the PDK's count is the floor's wherever there is a floor.
  const differ: string[] = [];
  for (const r of rows) {
    const p = r.hostCalls.pdk;
    const f = r.hostCalls.floor;
    if (p?.ok && f?.ok && p.total !== f.total) differ.push(`${r.workload} ${sizeLabel(r.bytes)}: ${p.total} vs ${f.total}`);
  }
  out.push({
    target: "fewest host calls: the floor's count in every workload",
    measured: differ.length === 0 ? "equal in every workload" : differ.join("; "),
    met: differ.length === 0,
  });

  for (const r of rows) {
    if (!["echo bytes", "vars", "count-vowels"].includes(r.workload)) continue;
    const q = ratio(r.timing.pdk, r.timing.floor);
    const own = ownWork(r);
    const side = own === null ? "" : ` (plug-in side: ${percent(own)})`;
    if (r.bytes >= 64 * KiB) {
      out.push({
        target: `${r.workload} ${sizeLabel(r.bytes)}: throughput within 5% of the floor's`,
        measured: q === null ? "—" : `${((1 / q) * 100).toFixed(1)}% of the floor's${side}`,
        met: q !== null && 1 / q >= 0.95,
      });
    } else {
      out.push({
        target: `${r.workload} ${sizeLabel(r.bytes)}: time within 10% of the floor's`,
        measured: q === null ? "—" : `${q.toFixed(2)}x the floor's${side}`,
        met: q !== null && q <= 1.1,
      });
    }
  }

  for (const r of rows) {
    if (r.workload !== "echo string") continue;
    const q = ratio(r.timing.pdk, r.extra[PDK_ECHO_BYTES] ?? null);
    out.push({ target: `echo string ${sizeLabel(r.bytes)}: within 25% of echo bytes`, measured: q === null ? "—" : `${q.toFixed(2)}x echo bytes`, met: q !== null && q <= 1.25 });
  }

  // Typed plug-in functions against the same work written by hand.
  for (const r of rows) {
    const typed = r.extra[PDK_TYPED];
    if (typed === undefined) continue;
    const q = ratio(typed ?? null, r.timing.pdk);
    const calls = r.hostCallsExtra[PDK_TYPED];
    const own = r.hostCalls.pdk;
    const sameCalls = calls === null || calls === undefined || own === null ? null : calls.ok && own.ok && calls.total === own.total;
    const typedSize = sizes.extra[`${r.workload}: ${PDK_TYPED}`];
    const ownSize = sizes.plugins[r.workload]?.pdk;
    const grown = typedSize == null || ownSize == null ? null : typedSize / ownSize;
    const parts = [
      q === null ? "—" : `${q.toFixed(2)}x the hand-written one's time`,
      sameCalls === null ? "host calls not counted" : sameCalls && calls?.ok ? `${calls.total} host calls, the same` : "different host calls",
      grown === null ? "" : `.wasm ${((grown - 1) * 100).toFixed(1)}% ${grown >= 1 ? "larger" : "smaller"}`,
    ].filter((p) => p !== "");
    out.push({
      target: `${r.workload} ${sizeLabel(r.bytes)}, typed function: same host calls as the hand-written one, time within 5%, .wasm at most 2% larger`,
      measured: parts.join("; "),
      met: q !== null && q <= 1.05 && sameCalls !== false && (grown === null || grown <= 1.02),
    });
  }

  const log = rows.find((r) => r.id === "log-filtered");
  if (log !== undefined) {
    const q = ratio(log.timing.pdk, log.timing.floor);
    const c = log.hostCalls.pdk;
    const own = ownWork(log);
    out.push({
      target: "filtered logging (EXTISM_MODERN_HOST=1): at most one host call per message, time within 10% of the floor's",
      measured: `${c?.ok ? `${c.total / 1000} host call(s) per message` : "host calls unknown"}; ${q === null ? "—" : `${q.toFixed(2)}x the floor's`}${own === null ? "" : ` (plug-in side: ${percent(own)})`}`,
      met: q !== null && q <= 1.1 && c?.ok === true && c.total <= 1000,
    });
  }

  const json = rows.find((r) => r.id === "json");
  if (json !== undefined) {
    const q = ratio(json.timing.pdk, json.timing.official);
    const p = json.pluginSide.pdk;
    const o = json.pluginSide.official;
    const side = p === null || o === null ? "" : ` (plug-in side: ${(p / o).toFixed(2)}x)`;
    out.push({ target: "JSON: no slower than the official PDK with json-as", measured: q === null ? "—" : `${q.toFixed(2)}x the official's time${side}`, met: q !== null && q <= 1 });
  }

  // Size: a plug-in pays only for what it uses.
  const bytesOf = (name: string): number | null => breakdown.find((s) => s.name === name)?.bytes ?? null;
  const official = bytesOf("bench/official-count-vowels");
  const cv = bytesOf("bench/pdk-count-vowels");
  const cvMinimal = bytesOf("bench/pdk-count-vowels.minimal");
  const share = (a: number, b: number) => `${count(a)} vs ${count(b)} bytes (${((a / b) * 100).toFixed(0)}%)`;
  if (cv !== null && official !== null) {
    out.push({ target: "count-vowels.wasm (default preset): no larger than the official PDK's", measured: share(cv, official), met: cv <= official });
  }
  if (cvMinimal !== null && official !== null) {
    out.push({ target: "count-vowels.wasm (minimal build): half the official PDK's size or smaller", measured: share(cvMinimal, official), met: cvMinimal * 2 <= official });
  }
  for (const [name, label] of [["bench/pdk-json-class", "default preset"], ["bench/pdk-json-class.minimal", "minimal build"]] as const) {
    const bytes = bytesOf(name);
    if (bytes === null) continue;
    out.push({
      target: `JSON plug-in (one @json class in and out; ${label}): half its size before (${count(JSON_CLASS_BEFORE)} bytes) or smaller`,
      measured: share(bytes, JSON_CLASS_BEFORE),
      met: bytes * 2 <= JSON_CLASS_BEFORE,
    });
  }
  const unused = unusedCode(breakdown);
  out.push({
    target: "no JSON code in a plug-in without JSON, no HTTP code in one without HTTP (examples and bench plug-ins)",
    measured: unused.length === 0 ? `none in ${breakdown.filter((s) => s.uses !== null).length} plug-ins` : unused.join("; "),
    met: unused.length === 0,
  });
  for (const r of rows) {
    if (r.workload !== "count-vowels") continue;
    const q = ratio(r.extra[PDK_MINIMAL] ?? null, r.timing.floor);
    out.push({
      target: `count-vowels ${sizeLabel(r.bytes)}, minimal build: time within 5% of the floor's`,
      measured: q === null ? "—" : `${q.toFixed(2)}x the floor's`,
      met: q !== null && q <= 1.05,
    });
  }

  const m = memory.pdk;
  if (m.length >= 2) {
    const first = m[0]!;
    const last = m[m.length - 1]!;
    out.push({
      target: `linear memory after ${count(last.calls)} calls equal to that after ${count(first.calls)}`,
      measured: `${count(first.bytes)} → ${count(last.bytes)} bytes`,
      met: first.bytes === last.bytes,
    });
  }
  return out;
}

export function targetTable(list: Target[]): string[] {
  return table(["target", "measured", "met"], list.map((t) => [t.target, t.measured, t.met ? "yes" : "**no**"]));
}
