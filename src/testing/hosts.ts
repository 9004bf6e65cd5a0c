/**
 * The real hosts the tests run plug-ins on: `@extism/extism` 1.0.3 (the
 * stable release) and 2.0.0-rc13 (installed as the alias `extism-v2`).
 */
import { readFileSync } from "node:fs";
import { errorWasSet, newWatchState, resetWatch, returnCode, watchInstances, watchNext, type WatchSettings, workerWatchArgs } from "./call-watch.ts";
import { type HttpHandler, type Level, LEVEL_NAMES, StrictKernel } from "./strict-kernel.ts";

export type HostName = "js-1.0.3" | "js-2.0.0-rc13" | "strict-kernel";
export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "silent";

export interface LogLine {
  level: "trace" | "debug" | "info" | "warn" | "error";
  text: string;
}

/** A host function: receives the call context and the raw arguments (i64 as BigInt). */
export type HostFunction = (cp: CallContext, ...args: never[]) => unknown;

/** What host functions see of the plug-in's kernel memory. */
export interface CallContext {
  read(handle: bigint): { bytes(): Uint8Array; text(): string } | null;
  store(data: string | Uint8Array): bigint;
  length(handle: bigint): bigint;
}

export interface LoadOptions {
  config?: Record<string, string>;
  /** Host log level (2.x only; 1.0.3 passes every line to the logger). */
  logLevel?: LogLevelName;
  allowedHosts?: string[];
  runInWorker?: boolean;
  functions?: Record<string, HostFunction>;
  maxVarBytes?: number;
  /** 2.x and the strict kernel: `memory.maxHttpResponseBytes` (1.0.3 has no such limit and ignores it). */
  maxHttpResponseBytes?: number;
  /** Strict kernel only: answers its HTTP requests (none are allowed without it). */
  http?: HttpHandler;
  /** 2.x: expose response headers to `http_headers`. */
  allowHttpResponseHeaders?: boolean;
  /** Vars the host holds before the first call, as a previous call would have set them. */
  vars?: Record<string, string | Uint8Array>;
  /**
   * Strict kernel only: whether a call that leaves a kernel block live
   * besides its input, output and error fails as a leak (default: yes).
   */
  checkLeaks?: boolean;
  /** Strict kernel only: functions the leak check passes over (each needs a reason: a block kept on purpose, an abort holding one). */
  leakyFunctions?: string[];
}

/** What the host's outcome does not say about the last call. */
export interface CallFacts {
  /** What the function returned (null: nothing, or not known). */
  returnCode: number | null;
  /** Whether the plug-in set an error (null: not known, JS SDK 1.0.3 in its worker). */
  errorSet: boolean | null;
  /** Whether the call ended in a trap (an abort, or an engine trap). */
  trapped: boolean;
}

export type Outcome = { ok: true; output: Uint8Array | null; text: string } | { ok: false; error: string };

export interface LoadedPlugin {
  readonly host: HostName;
  readonly logs: LogLine[];
  call(name: string, input?: string | Uint8Array): Promise<Outcome>;
  close(): Promise<void>;
  /** The SDK's `plugin.reset()` (JS hosts): drops the kernel's blocks. */
  reset(): Promise<void>;
  /** The plug-in's exports (its linear memory among them); foreground mode only. */
  instance(): Promise<WebAssembly.Instance>;
  /** Strict kernel only: the ABI violations so far (each one also fails its call). */
  readonly violations?: readonly string[];
  /** What the last call returned and whether it set an error. */
  lastCall(): CallFacts;
}

export interface Host {
  readonly name: HostName;
  /** Whether the host has the newer imports (log_trace, get_log_level, http_headers, error_get). */
  readonly modern: boolean;
  /** Whether an error set before a trap survives it (Rust runtime rules). */
  readonly errorSurvivesTrap: boolean;
  /** Loads a plug-in from a .wasm path or its bytes. */
  load(wasm: string | Uint8Array, options?: LoadOptions): Promise<LoadedPlugin>;
  /** The error text this host reports for a plug-in's `error_set(message)`. */
  errorText(message: string): string;
}

/** What the tests use of a JS SDK (1.0.3 and 2.x alike). */
interface Sdk {
  createPlugin(manifest: { wasm: { data: Uint8Array }[] }, options: never): Promise<SdkPlugin>;
}
interface SdkPlugin {
  call(fn: string, input: string | Uint8Array): Promise<{ bytes(): Uint8Array } | null>;
  close(): Promise<void>;
  reset(): Promise<boolean>;
  getInstance(): Promise<WebAssembly.Instance>;
}

/** The SDK's `memory` option for `options` (1.0.3 ignores it). */
export function sdkMemoryOptions(options: LoadOptions): Record<string, number> {
  const memory: Record<string, number> = {};
  if (options.maxVarBytes !== undefined) memory.maxVarBytes = options.maxVarBytes;
  if (options.maxHttpResponseBytes !== undefined) memory.maxHttpResponseBytes = options.maxHttpResponseBytes;
  return memory;
}

/**
 * A JS SDK as a host. The SDK is imported when the first plug-in loads, so a
 * project without `@extism/extism` 1.0.3 can still test on 2.x.
 */
function makeHost(name: HostName, importSdk: () => Promise<Sdk>, modern: boolean): Host {
  return {
    name,
    modern,
    errorSurvivesTrap: false,
    errorText: (message: string) => `Plugin-originated error: ${message}`,
    async load(wasm: string | Uint8Array, options: LoadOptions = {}): Promise<LoadedPlugin> {
      const logs: LogLine[] = [];
      const record = (level: LogLine["level"]) => (...args: unknown[]) => {
        logs.push({ level, text: args.map(String).join(" ") });
      };
      const logger = {
        trace: record("trace"),
        debug: record("debug"),
        info: record("info"),
        warn: record("warn"),
        error: record("error"),
        log: record("info"),
      } as unknown as Console;
      const pluginOptions: Record<string, unknown> = {
        useWasi: false,
        logger,
        runInWorker: options.runInWorker ?? false,
        config: options.config ?? {},
      };
      if (options.logLevel !== undefined) pluginOptions.logLevel = options.logLevel;
      if (options.allowedHosts !== undefined) pluginOptions.allowedHosts = options.allowedHosts;
      if (options.functions !== undefined) pluginOptions.functions = { "extism:host/user": options.functions };
      const memory = sdkMemoryOptions(options);
      if (Object.keys(memory).length > 0) pluginOptions.memory = memory;
      if (options.allowHttpResponseHeaders !== undefined) pluginOptions.allowHttpResponseHeaders = options.allowHttpResponseHeaders;
      const manifest = { wasm: [{ data: bytesOf(wasm) }] };
      const sdk = await importSdk();
      // The return code and error flag of each call, which the SDK drops; in
      // 2.x's worker, watched from inside it; in 1.0.3's, not known.
      const state = newWatchState();
      const settings: WatchSettings = { state, ...(options.vars !== undefined ? { vars: encodeVars(options.vars) } : {}) };
      const inWorker = options.runInWorker === true;
      if (inWorker && !modern && options.vars !== undefined) throw new Error("vars: JS SDK 1.0.3 keeps no vars in its worker (runInWorker)");
      const watched = !inWorker || modern;
      if (inWorker && modern) pluginOptions.nodeWorkerArgs = workerWatchArgs(settings);
      watchInstances();
      watchNext(inWorker ? null : settings);
      let plugin: SdkPlugin;
      let trapped = false;
      try {
        plugin = await sdk.createPlugin(manifest, pluginOptions as never);
      } finally {
        watchNext(null);
      }
      return {
        host: name,
        logs,
        lastCall: () => ({ returnCode: watched ? returnCode(state) : null, errorSet: watched ? errorWasSet(state) : null, trapped }),
        async call(fn: string, input: string | Uint8Array = new Uint8Array(0)): Promise<Outcome> {
          resetWatch(state);
          trapped = false;
          try {
            const out = await plugin.call(fn, input);
            if (out === null) return { ok: true, output: null, text: "" };
            const bytes = out.bytes().slice();
            return { ok: true, output: bytes, text: new TextDecoder().decode(bytes) };
          } catch (e) {
            // 2.x in worker mode rejects a trap with a plain { message, originalStack } object.
            const message = e instanceof Error ? e.message : (e as { message?: unknown } | null)?.message;
            trapped = isTrap(e);
            return { ok: false, error: typeof message === "string" ? message : String(e) };
          }
        },
        close: () => plugin.close(),
        reset: async () => void (await plugin.reset()),
        instance: () => plugin.getInstance(),
      };
    },
  };
}

export const JS_V1 = makeHost("js-1.0.3", importV1, false);
export const JS_V2 = makeHost("js-2.0.0-rc13", async () => (await import("extism-v2")) as unknown as Sdk, true);

async function importV1(): Promise<Sdk> {
  try {
    return (await import("@extism/extism")) as unknown as Sdk;
  } catch (e) {
    throw new Error(`testing on JS SDK 1.0.3 needs it installed: npm install --save-dev @extism/extism@1.0.3 (${e instanceof Error ? e.message : String(e)})`);
  }
}

const LEVELS: Record<LogLevelName, Level | null> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, silent: null };

/**
 * The strict kernel stand-in as a host: Rust runtime rules (an error set
 * before a trap is the call's error; kernel memory reset per call), every
 * import present, and any ABI violation fails the test.
 */
export const STRICT: Host = {
  name: "strict-kernel",
  modern: true,
  errorSurvivesTrap: true,
  errorText: (message: string) => message,
  async load(wasm: string | Uint8Array, options: LoadOptions = {}): Promise<LoadedPlugin> {
    const kernelOptions: ConstructorParameters<typeof StrictKernel>[0] = {
      config: options.config ?? {},
      logLevel: LEVELS[options.logLevel ?? "trace"],
    };
    if (options.maxVarBytes !== undefined) kernelOptions.maxVarBytes = options.maxVarBytes;
    if (options.http !== undefined) kernelOptions.http = options.http;
    if (options.maxHttpResponseBytes !== undefined) kernelOptions.maxHttpResponseBytes = options.maxHttpResponseBytes;
    if (options.checkLeaks !== undefined) kernelOptions.checkLeaks = options.checkLeaks;
    const kernel = new StrictKernel(kernelOptions);
    for (const [key, value] of Object.entries(encodeVars(options.vars ?? {}))) kernel.vars.set(key, value);
    const module = new WebAssembly.Module(bytesOf(wasm) as Uint8Array<ArrayBuffer>);
    const imports: WebAssembly.Imports = { "extism:host/env": kernel.imports() as WebAssembly.ModuleImports };
    if (options.functions !== undefined) {
      const cp = strictCallContext(kernel);
      imports["extism:host/user"] = Object.fromEntries(Object.entries(options.functions).map(([n, f]) => [n, (...args: never[]) => f(cp, ...args)]));
    }
    const instance = new WebAssembly.Instance(module, imports);
    const logs: LogLine[] = [];
    let facts: CallFacts = { returnCode: null, errorSet: null, trapped: false };
    return {
      host: "strict-kernel",
      logs,
      lastCall: () => facts,
      async call(fn: string, input: string | Uint8Array = new Uint8Array(0)): Promise<Outcome> {
        kernel.checkLeaks = options.checkLeaks !== false && !(options.leakyFunctions ?? []).includes(fn);
        const result = kernel.call(instance, fn, input);
        facts = { returnCode: result.returnCode, errorSet: result.errorSet, trapped: result.trapped };
        for (const line of result.logs) logs.push({ level: LEVEL_NAMES[line.level], text: line.text });
        if (!result.ok) return { ok: false, error: result.error };
        return { ok: true, output: result.output, text: new TextDecoder().decode(result.output) };
      },
      close: async () => {},
      reset: async () => {},
      instance: async () => instance,
      violations: kernel.violations,
    };
  },
};

/** What a host function sees of the strict kernel's memory: the JS SDK's `CallContext`, in part. */
export function strictCallContext(kernel: StrictKernel): CallContext {
  return {
    read: (h) => {
      const bytes = kernel.peek(h);
      return bytes === null ? null : { bytes: () => bytes.slice(), text: () => new TextDecoder().decode(bytes) };
    },
    store: (data) => kernel.storeBytes(typeof data === "string" ? new TextEncoder().encode(data) : data),
    length: (h) => BigInt(kernel.peek(h)?.length ?? 0),
  };
}

/** Whether a JS SDK's rejection is a trap: a `RuntimeError`, or in 2.x's worker an object whose stack says so. */
export function isTrap(e: unknown): boolean {
  if (e instanceof WebAssembly.RuntimeError) return true;
  const stack = (e as { originalStack?: unknown } | null)?.originalStack;
  return typeof stack === "string" && /^RuntimeError\b/.test(stack);
}

function bytesOf(wasm: string | Uint8Array): Uint8Array {
  return typeof wasm === "string" ? readFileSync(wasm) : wasm;
}

function encodeVars(vars: Record<string, string | Uint8Array>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "string" ? new TextEncoder().encode(v) : v]));
}

/** The real hosts, oldest first. */
export const HOSTS: Host[] = [JS_V1, JS_V2];
/** The real hosts and the strict kernel stand-in. */
export const ALL_HOSTS: Host[] = [JS_V1, JS_V2, STRICT];
