/**
 * The real hosts the tests run plug-ins on: `@extism/extism` 1.0.3 (the
 * stable release) and 2.0.0-rc13 (installed as the alias `extism-v2`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as v1 from "@extism/extism";
import * as v2 from "extism-v2";
import { ROOT } from "../../tools/build.ts";

export type HostName = "js-1.0.3" | "js-2.0.0-rc13";
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
}

export type Outcome = { ok: true; output: Uint8Array | null; text: string } | { ok: false; error: string };

export interface LoadedPlugin {
  readonly host: HostName;
  readonly logs: LogLine[];
  call(name: string, input?: string | Uint8Array): Promise<Outcome>;
  close(): Promise<void>;
  /** The plug-in's exports (its linear memory among them); foreground mode only. */
  instance(): Promise<WebAssembly.Instance>;
}

export interface Host {
  readonly name: HostName;
  /** Whether the host has the newer imports (log_trace, get_log_level, http_headers, error_get). */
  readonly modern: boolean;
  load(wasm: string, options?: LoadOptions): Promise<LoadedPlugin>;
}

type Sdk = typeof v1 | typeof v2;

/** The path of a built plug-in: `wasmPath("tests/core")` is build/tests/core.wasm. */
export function wasmPath(name: string): string {
  return join(ROOT, "build", `${name}.wasm`);
}

function makeHost(name: HostName, sdk: Sdk, modern: boolean): Host {
  return {
    name,
    modern,
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
      if (options.maxVarBytes !== undefined) pluginOptions.memory = { maxVarBytes: options.maxVarBytes };
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
            return { ok: false, error: e instanceof Error ? e.message : String(e) };
          }
        },
        close: () => plugin.close(),
        instance: () => plugin.getInstance(),
      };
    },
  };
}

export const JS_V1 = makeHost("js-1.0.3", v1, false);
export const JS_V2 = makeHost("js-2.0.0-rc13", v2, true);
/** Every real host, oldest first. */
export const HOSTS: Host[] = [JS_V1, JS_V2];

/** The error text a host reports for a plug-in's `error_set(message)`. */
export function pluginError(message: string): string {
  return `Plugin-originated error: ${message}`;
}
