/**
 * The real hosts the tests run plug-ins on: `@extism/extism` 1.0.3 (the
 * stable release) and 2.0.0-rc13 (installed as the alias `extism-v2`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as v1 from "@extism/extism";
import * as v2 from "extism-v2";
import { ROOT } from "../../tools/build.ts";
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
}

export interface Host {
  readonly name: HostName;
  /** Whether the host has the newer imports (log_trace, get_log_level, http_headers, error_get). */
  readonly modern: boolean;
  /** Whether an error set before a trap survives it (Rust runtime rules). */
  readonly errorSurvivesTrap: boolean;
  load(wasm: string, options?: LoadOptions): Promise<LoadedPlugin>;
  /** The error text this host reports for a plug-in's `error_set(message)`. */
  errorText(message: string): string;
}

type Sdk = typeof v1 | typeof v2;

/** The SDK's `memory` option for `options` (1.0.3 ignores it). */
export function sdkMemoryOptions(options: LoadOptions): Record<string, number> {
  const memory: Record<string, number> = {};
  if (options.maxVarBytes !== undefined) memory.maxVarBytes = options.maxVarBytes;
  if (options.maxHttpResponseBytes !== undefined) memory.maxHttpResponseBytes = options.maxHttpResponseBytes;
  return memory;
}

/** The path of a built plug-in: `wasmPath("tests/core")` is build/tests/core.wasm. */
export function wasmPath(name: string): string {
  return join(ROOT, "build", `${name}.wasm`);
}

function makeHost(name: HostName, sdk: Sdk, modern: boolean): Host {
  return {
    name,
    modern,
    errorSurvivesTrap: false,
    errorText: (message: string) => `Plugin-originated error: ${message}`,
    async load(wasm: string, options: LoadOptions = {}): Promise<LoadedPlugin> {
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
      const manifest = { wasm: [{ data: readFileSync(wasm) }] };
      const plugin = await sdk.createPlugin(manifest, pluginOptions as never);
      return {
        host: name,
        logs,
        async call(fn: string, input: string | Uint8Array = new Uint8Array(0)): Promise<Outcome> {
          try {
            const out = await plugin.call(fn, input);
            if (out === null) return { ok: true, output: null, text: "" };
            const bytes = out.bytes().slice();
            return { ok: true, output: bytes, text: new TextDecoder().decode(bytes) };
          } catch (e) {
            // 2.x in worker mode rejects a trap with a plain { message, originalStack } object.
            const message = e instanceof Error ? e.message : (e as { message?: unknown } | null)?.message;
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

export const JS_V1 = makeHost("js-1.0.3", v1, false);
export const JS_V2 = makeHost("js-2.0.0-rc13", v2, true);

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
  async load(wasm: string, options: LoadOptions = {}): Promise<LoadedPlugin> {
    const kernelOptions: ConstructorParameters<typeof StrictKernel>[0] = {
      config: options.config ?? {},
      logLevel: LEVELS[options.logLevel ?? "trace"],
    };
    if (options.maxVarBytes !== undefined) kernelOptions.maxVarBytes = options.maxVarBytes;
    if (options.http !== undefined) kernelOptions.http = options.http;
    if (options.maxHttpResponseBytes !== undefined) kernelOptions.maxHttpResponseBytes = options.maxHttpResponseBytes;
    const kernel = new StrictKernel(kernelOptions);
    const module = new WebAssembly.Module(readFileSync(wasm));
    const instance = new WebAssembly.Instance(module, { "extism:host/env": kernel.imports() } as WebAssembly.Imports);
    const logs: LogLine[] = [];
    return {
      host: "strict-kernel",
      logs,
      async call(fn: string, input: string | Uint8Array = new Uint8Array(0)): Promise<Outcome> {
        const result = kernel.call(instance, fn, input);
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

/** The real hosts, oldest first. */
export const HOSTS: Host[] = [JS_V1, JS_V2];
/** The real hosts and the strict kernel stand-in. */
export const ALL_HOSTS: Host[] = [JS_V1, JS_V2, STRICT];
