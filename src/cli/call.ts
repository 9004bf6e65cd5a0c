/**
 * `extism-as call`: runs one function of a plug-in on the embedded JS host
 * (2.0.0-rc13). Before loading, it reads the plug-in's imports and exports,
 * so that a plug-in no host can load, or a function it lacks, is explained in
 * one line per cause rather than by the host's error.
 */
import { readFileSync } from "node:fs";
import type { CallArgs, LogLevelName } from "./args.ts";
import { errorWasSet, newWatchState, resetWatch, returnCode, watchInstances, watchNext, workerWatchArgs } from "../testing/call-watch.ts";
import { explainFailure } from "../testing/failure.ts";
import { isTrap } from "../testing/hosts.ts";
import { loadFunctions, withStubs } from "./host-functions.ts";
import { loadPluginSource, type PluginSource } from "./manifest.ts";
import { type PluginReport, reportPlugin, wasiImports } from "./plugin-report.ts";

export interface CallStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  readStdin: () => Promise<Uint8Array>;
  stdinIsTerminal: boolean;
}

/** A failure before any call: one line per cause, each already worded for the user. */
export class LoadError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

type Level = "trace" | "debug" | "info" | "warn" | "error";

/** Runs the call(s) and returns the exit code. Throws `LoadError` when the plug-in cannot be loaded or called. */
export async function call(args: CallArgs, io: CallStreams): Promise<number> {
  const source = await loadPluginSource(args);
  const report = checkPlugin(source, args);
  const input = await readInput(args, io);
  const functions = withStubs(await loadFunctions(args.functions), report.imports.hostFunctions.filter((f) => !source.wasm.some((w) => w.name === f.module))).functions;

  // The plug-in's log lines, marked as such; the last error line of a call
  // is the message of an abort that trapped (the PDK logs it, and the JS
  // host drops the error it set).
  let lastErrorLine: string | null = null;
  const shown = LEVEL_ORDER.indexOf(args.logLevel);
  const logger = Object.fromEntries(
    (["trace", "debug", "info", "warn", "error"] as const).map((level) => [
      level,
      (...parts: unknown[]) => {
        const text = parts.map(String).join(" ");
        if (level === "error") lastErrorLine = text;
        if (LEVEL_ORDER.indexOf(level) >= shown) io.stderr.write(text.split("\n").map((line) => `[${level}] ${line}\n`).join(""));
      },
    ]),
  ) as Record<Level, (...parts: unknown[]) => void>;

  // HTTP and call timeouts need the JS SDK's worker; it makes every host call
  // slower, so it runs only when they are asked for.
  const worker = source.allowedHosts.length > 0 || source.timeoutMs !== null;
  const watch = newWatchState();
  watchInstances();
  watchNext(worker ? null : { state: watch });
  const { createPlugin } = await import("extism-v2");
  const plugin = await createPlugin(
    { wasm: source.wasm.map((w) => ({ data: w.data, ...(w.name !== undefined ? { name: w.name } : {}), ...(w.hash !== undefined ? { hash: w.hash } : {}) })) },
    {
      useWasi: args.wasi,
      runInWorker: worker,
      config: source.config,
      allowedHosts: source.allowedHosts,
      allowedPaths: source.allowedPaths,
      memory: source.memory,
      timeoutMs: source.timeoutMs,
      allowHttpResponseHeaders: args.httpResponseHeaders,
      functions,
      logger: { ...logger, log: logger.info } as unknown as Console,
      // Error lines always reach the logger: an abort's message is one.
      logLevel: args.logLevel === "silent" ? "error" : args.logLevel,
      ...(worker ? { nodeWorkerArgs: workerWatchArgs({ state: watch }) } : {}),
    },
  );
  watchNext(null);
  try {
    let output: Uint8Array | null = null;
    let warned = false;
    const times: number[] = [];
    for (let i = 0; i < args.loop; i++) {
      lastErrorLine = null;
      resetWatch(watch);
      const start = process.hrtime.bigint();
      try {
        const result = await plugin.call(args.fn, input);
        output = result === null ? null : result.bytes();
      } catch (e) {
        io.stderr.write(`extism-as: ${failure(args, e, lastErrorLine, errorWasSet(watch))}\n`);
        return 1;
      }
      times.push(Number(process.hrtime.bigint() - start));
      const code = returnCode(watch);
      if (!warned && code !== null && code !== 0) {
        warned = true;
        io.stderr.write(
          `extism-as: warning: ${args.fn} returned ${code} without setting an error; the JS host lets that pass, but hosts on the Rust runtime ` +
            `(the extism CLI; the Rust, Go, Python... SDKs) fail the call with "Returned non-zero exit code: ${code}"\n`,
        );
      }
    }
    if (output !== null) io.stdout.write(output);
    if (args.loop > 1) io.stderr.write(timing(times));
    return 0;
  } finally {
    await plugin.close();
  }
}

const LEVEL_ORDER: readonly LogLevelName[] = ["trace", "debug", "info", "warn", "error", "silent"];

/**
 * Reads the plug-in's modules and checks what would make the host refuse it,
 * or the call fail before it starts. Returns the main module's report.
 */
function checkPlugin(source: PluginSource, args: CallArgs): PluginReport {
  const linked = new Set(source.wasm.flatMap((w) => (w.name !== undefined ? [w.name] : [])));
  const lines: string[] = [];
  let main: PluginReport | null = null;
  const hostFunctions: PluginReport["imports"]["hostFunctions"] = [];
  let wasi = "";
  for (const item of source.wasm) {
    let report: PluginReport;
    try {
      report = reportPlugin(item.data);
    } catch (e) {
      lines.push(`${item.source}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (item === source.main) main = report;
    for (const u of report.imports.unavailable) lines.push(`cannot load ${item.source}: it imports ${u.import}, which no Extism host provides: ${u.fix}`);
    hostFunctions.push(...report.imports.hostFunctions.filter((f) => !linked.has(f.module)));
    if (report.imports.wasi.length > 0 && wasi === "") wasi = wasiImports(report);
  }
  if (wasi !== "" && !args.wasi) lines.push(`the plug-in imports WASI (${wasi}): run it with --wasi`);
  if (main !== null && lines.length === 0) {
    const exported = main.otherFunctions.find((f) => f.name === args.fn);
    if (exported !== undefined) {
      lines.push(`${args.fn} is not a plug-in function: it is ${exported.signature}, and Extism calls functions that take nothing and return an i32 or nothing`);
    } else if (!main.functions.includes(args.fn)) {
      const list = main.functions.length > 0 ? `; its plug-in functions: ${main.functions.join(", ")}` : "; it exports no plug-in function";
      lines.push(`${source.main.source} has no function "${args.fn}"${list}`);
    }
  }
  if (lines.length > 0) throw new LoadError(lines);
  return { ...main!, imports: { ...main!.imports, hostFunctions } };
}

/**
 * The one line that says why the call failed. `lastErrorLine` is the call's
 * last error log line; `errorSet` whether the plug-in set an error.
 */
function failure(args: CallArgs, e: unknown, lastErrorLine: string | null, errorSet: boolean): string {
  const thrown = (e as { message?: unknown } | null)?.message;
  const hostMessage = typeof thrown === "string" ? thrown : String(e);
  const { kind, message } = explainFailure(hostMessage, { trapped: isTrap(e), errorSet, lastErrorLine });
  const oneLine = (text: string) => text.replace(/\r?\n/g, "\\n");
  switch (kind) {
    case "timeout":
      return `${args.fn} timed out after ${args.timeoutMs ?? "the manifest's timeout_ms"} ms`;
    case "trap": {
      const hint = message === "unreachable" ? " (a trap with no message: out of memory, or unreachable() in the plug-in)" : "";
      const logged = lastErrorLine !== null ? `; the last error logged: ${oneLine(lastErrorLine)}` : "";
      return `${args.fn} trapped: ${oneLine(message)}${hint}${logged}`;
    }
    default:
      return `${args.fn} failed: ${oneLine(message)}`;
  }
}

async function readInput(args: CallArgs, io: CallStreams): Promise<Uint8Array> {
  const input = args.input;
  if ("text" in input) return new TextEncoder().encode(input.text);
  if ("file" in input) return new Uint8Array(readFileSync(input.file));
  if ("stdin" in input || !io.stdinIsTerminal) return io.readStdin();
  return new Uint8Array(0);
}

function timing(ns: number[]): string {
  const sorted = ns.slice().sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const mean = ns.reduce((a, b) => a + b, 0) / ns.length;
  const us = (n: number) => `${(n / 1000).toFixed(1)} µs`;
  return `${ns.length} calls: median ${us(median)} per call, mean ${us(mean)}, min ${us(sorted[0]!)}, max ${us(sorted.at(-1)!)}\n`;
}

