/**
 * Timing plug-in functions on @extism/extism 2.0.0-rc13 in its default
 * (foreground) mode.
 *
 * The flavours of one workload (floor, official, this PDK) are timed in
 * interleaved rounds: each round runs one batch of calls of every flavour
 * (starting with a different one each round), so that a slow spell of a
 * shared machine hits all of them alike and the ratios come from the same
 * moments. A batch is as many calls as take about
 * `BATCH_NS` (one call for large inputs); a sample is a batch's time per call;
 * a figure is the median sample, and a ratio of two flavours the median of
 * their per-round ratios (report.ts), which a busy machine disturbs least.
 */
import { readFileSync } from "node:fs";
import { createPlugin } from "extism-v2";

export type Plugin = Awaited<ReturnType<typeof createPlugin>>;
export type HostLogLevel = "warn" | "error";

/** Loads a plug-in the way a user of the SDK would, with a logger that prints nothing. */
export async function load(wasm: string, logLevel: HostLogLevel = "error"): Promise<Plugin> {
  const silent = () => {};
  const logger = { trace: silent, debug: silent, info: silent, warn: silent, error: silent, log: silent } as unknown as Console;
  return createPlugin({ wasm: [{ data: readFileSync(wasm) }] }, { useWasi: false, logger, logLevel });
}

/** One flavour's figure: the median ns per call, or why there is none. */
export type Timing =
  | {
      ok: true;
      medianNs: number;
      minNs: number;
      maxNs: number;
      calls: number;
      /** ns per call of each round's batch, in round order (rounds are shared by the subjects timed together). */
      rounds: number[];
    }
  | { ok: false; error: string };

/** What a flavour is asked to do, and how its reply is judged. */
export interface Subject {
  plugin: Plugin;
  fn: string;
  /** Returns null when the reply is right, else what is wrong with it. */
  check(output: Uint8Array): string | null;
}

/** How long to spend: per workload, at least `minRounds` rounds, then until `budgetMs` is spent. */
export interface Budget {
  budgetMs: number;
  minRounds: number;
  maxRounds: number;
}

const BATCH_NS = 2_000_000;
const WARMUP_NS = 100_000_000;

const now = (): number => Number(process.hrtime.bigint());

async function callOnce(subject: Subject, input: Uint8Array): Promise<Uint8Array> {
  const out = await subject.plugin.call(subject.fn, input);
  return out === null ? new Uint8Array(0) : out.bytes();
}

/** The first line of a failure, as the host reports it. */
function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}

/**
 * Times `subjects` (null: not measured) on `input`, interleaved. A subject
 * whose first reply fails or is wrong is not timed; its Timing says why.
 */
export async function timeTogether(subjects: (Subject | null)[], input: Uint8Array, budget: Budget): Promise<(Timing | null)[]> {
  const results: (Timing | null)[] = subjects.map(() => null);
  const live: { index: number; subject: Subject; batch: number; samples: number[]; calls: number }[] = [];
  for (const [index, subject] of subjects.entries()) {
    if (subject === null) continue;
    let problem: string | null;
    try {
      problem = subject.check(await callOnce(subject, input));
    } catch (e) {
      problem = `fails: ${firstLine(e)}`;
    }
    if (problem !== null) {
      results[index] = { ok: false, error: problem };
      continue;
    }
    // Warm-up, which also sizes the batches.
    let calls = 0;
    const start = now();
    do {
      await subject.plugin.call(subject.fn, input);
      calls++;
    } while (now() - start < WARMUP_NS && calls < 10_000);
    const perCall = (now() - start) / calls;
    live.push({ index, subject, batch: Math.max(1, Math.round(BATCH_NS / perCall)), samples: [], calls: 0 });
  }

  const deadline = now() + budget.budgetMs * 1e6;
  for (let round = 0; round < budget.maxRounds && (round < budget.minRounds || now() < deadline); round++) {
    // Each round starts with the next subject, so that none always follows the
    // same one (a subject that makes much garbage slows the one after it).
    for (let k = 0; k < live.length; k++) {
      const l = live[(round + k) % live.length]!;
      const start = now();
      for (let i = 0; i < l.batch; i++) await l.subject.plugin.call(l.subject.fn, input);
      l.samples.push((now() - start) / l.batch);
      l.calls += l.batch;
    }
  }

  for (const l of live) {
    const sorted = l.samples.slice().sort((a, b) => a - b);
    results[l.index] = {
      ok: true,
      medianNs: median(sorted),
      minNs: sorted[0]!,
      maxNs: sorted[sorted.length - 1]!,
      calls: l.calls,
      rounds: l.samples.map((x) => Math.round(x)),
    };
  }
  return results;
}

/**
 * One timing from several passes over the same subject (each pass timed in
 * its own rounds, shared with the same other subjects): the rounds put end to
 * end, so that per-round ratios stay paired. A failure in any pass wins.
 */
export function mergeTimings(passes: (Timing | null)[]): Timing | null {
  let rounds: number[] = [];
  let calls = 0;
  for (const t of passes) {
    if (t === null) return null;
    if (!t.ok) return t;
    rounds = rounds.concat(t.rounds);
    calls += t.calls;
  }
  const sorted = rounds.slice().sort((a, b) => a - b);
  return { ok: true, medianNs: median(sorted), minNs: sorted[0]!, maxNs: sorted[sorted.length - 1]!, calls, rounds };
}

/** The median of `sorted` (ascending). */
export function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The plug-in's linear memory in bytes after `calls` more calls of `fn(input)`. */
export async function memoryAfter(plugin: Plugin, fn: string, input: Uint8Array, calls: number): Promise<number> {
  for (let i = 0; i < calls; i++) await plugin.call(fn, input);
  const memory = (await plugin.getInstance()).exports.memory as WebAssembly.Memory;
  return memory.buffer.byteLength;
}
