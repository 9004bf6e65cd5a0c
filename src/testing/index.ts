/**
 * `extism-as-pdk/testing`: test a built plug-in from JavaScript or TypeScript,
 * on the hosts your users have. Plain promises and errors: any test runner.
 *
 *   import { loadPlugin, testHosts } from "extism-as-pdk/testing";
 *
 *   for (const host of testHosts()) {
 *     test(`greet on ${host}`, async () => {
 *       const plugin = await loadPlugin("build/plugin.wasm", { host, config: { greeting: "Hi" } });
 *       try {
 *         assert.deepEqual(await plugin.callJSON("greet", { name: "Zoë" }), { message: "Hi, Zoë!" });
 *         await assert.rejects(plugin.call("greet", "not JSON"), /not valid JSON/);
 *       } finally {
 *         await plugin.close();
 *       }
 *     });
 *   }
 *
 * A failed call throws a `PluginError` whose message is the plug-in's own
 * (on the JS hosts, which drop the error of a plug-in that aborted, the
 * abort's message), with the call's log lines.
 */
import { explainFailure, type FailureKind } from "./failure.ts";
import { type HostFunction, JS_V1, JS_V2, type LoadedPlugin, type LogLevelName, type LogLine, STRICT } from "./hosts.ts";
import type { HttpHandler } from "./strict-kernel.ts";

export { hostFunction, type MockHostFunction, type MockSignature, type ValueKind } from "./mocks.ts";
export type { CallContext, HostFunction, LogLevelName, LogLine } from "./hosts.ts";
export type { HttpHandler, HttpReply, HttpRequestSpec } from "./strict-kernel.ts";
export type { FailureKind } from "./failure.ts";

/**
 * Where a plug-in runs: `js-1.0.3` (`@extism/extism` 1.0.3, the stable JS
 * SDK; install it to use it), `js-2` (2.0.0-rc13, which this package brings),
 * or `strict` (an in-process stand-in for the Rust runtime's kernel that fails
 * any call breaking the ABI's rules: reading outside a block, a block used
 * after the host took it).
 */
export type HostName = "js-1.0.3" | "js-2" | "strict";

/** Every host, oldest first. */
export const ALL_HOSTS: readonly HostName[] = ["js-1.0.3", "js-2", "strict"];

/**
 * The hosts to test on: `EXTISM_AS_HOSTS` (comma-separated, e.g.
 * `EXTISM_AS_HOSTS=js-2,strict npm test`), or every host. Throws for a name
 * that is not a host.
 */
export function testHosts(): HostName[] {
  const listed = (process.env["EXTISM_AS_HOSTS"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (listed.length === 0) return [...ALL_HOSTS];
  for (const name of listed) {
    if (!(ALL_HOSTS as readonly string[]).includes(name)) throw new Error(`EXTISM_AS_HOSTS: "${name}" is not a host; the hosts are ${ALL_HOSTS.join(", ")}`);
  }
  return listed as HostName[];
}

export interface PluginOptions {
  /** Default `js-2`. */
  host?: HostName;
  config?: Record<string, string>;
  /** Vars the host holds before the first call, as if an earlier call had set them. */
  vars?: Record<string, string | Uint8Array>;
  /** Host functions of the module `extism:host/user`, by name: `hostFunction(...)` mocks or the JS SDK's form. */
  functions?: Record<string, HostFunction>;
  /** Hosts the plug-in may make HTTP requests to (the JS hosts then run it in a worker thread). */
  allowedHosts?: string[];
  /** On the strict kernel, which makes no real requests: answers each HTTP request. */
  http?: HttpHandler;
  /** The host's log level: lines below it are not made or kept. Default `trace`. */
  logLevel?: LogLevelName;
  /** The most bytes the plug-in's vars may hold. */
  maxVarBytes?: number;
}

/** The output of a call. */
export interface CallOutput {
  /** The output bytes; null when the plug-in set none (a JS host's `null`). */
  readonly bytes: Uint8Array | null;
  /** The output as UTF-8 text ("" for none). */
  readonly text: string;
  /** The output parsed as JSON. */
  json<T = unknown>(): T;
  /** The call's log lines. */
  readonly logs: LogLine[];
}

/** A failed call, with the plug-in's own message. */
export class PluginError extends Error {
  override name = "PluginError";
  constructor(
    message: string,
    /** How it failed: the plug-in set an error, aborted, trapped with no message, or timed out. */
    readonly kind: FailureKind,
    /** The function called. */
    readonly fn: string,
    readonly host: HostName,
    /** The call's log lines. */
    readonly logs: LogLine[],
  ) {
    super(message);
  }
}

/** A loaded plug-in. Close it when done. */
export interface TestPlugin {
  readonly host: HostName;
  /** Every log line since it loaded. */
  readonly logs: LogLine[];
  /**
   * Calls `fn` with `input`: a string is sent as UTF-8 text, a `Uint8Array`
   * as bytes, any other value as JSON; no input is empty. Throws a
   * `PluginError` when the call fails, including when the function returns
   * non-zero without an error (the JS hosts let that pass; the Rust runtime
   * fails the call).
   */
  call(fn: string, input?: unknown): Promise<CallOutput>;
  /** Calls `fn` with `value` as JSON and parses its output as JSON. */
  callJSON<T = unknown>(fn: string, value?: unknown): Promise<T>;
  close(): Promise<void>;
}

const HOSTS = { "js-1.0.3": JS_V1, "js-2": JS_V2, strict: STRICT } as const;

/** Loads a plug-in from a .wasm path (or URL), or its bytes. */
export async function loadPlugin(wasm: string | URL | Uint8Array, options: PluginOptions = {}): Promise<TestPlugin> {
  const hostName = options.host ?? "js-2";
  const host = HOSTS[hostName];
  if (host === undefined) throw new Error(`host: "${String(hostName)}" is not a host; the hosts are ${ALL_HOSTS.join(", ")}`);
  const loaded: LoadedPlugin = await host.load(wasm instanceof URL ? (await import("node:url")).fileURLToPath(wasm) : wasm, {
    logLevel: options.logLevel ?? "trace",
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.vars !== undefined ? { vars: options.vars } : {}),
    ...(options.functions !== undefined ? { functions: options.functions } : {}),
    ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts, runInWorker: hostName !== "strict" } : {}),
    ...(options.http !== undefined ? { http: options.http } : {}),
    ...(options.maxVarBytes !== undefined ? { maxVarBytes: options.maxVarBytes } : {}),
    // Not the leak check the PDK's own tests make: host-function argument
    // blocks are handed to the host, which no JS SDK frees, so a plug-in
    // calling host functions leaves them until the call ends.
    checkLeaks: false,
  });
  const call = async (fn: string, input?: unknown): Promise<CallOutput> => {
    const before = loaded.logs.length;
    const outcome = await loaded.call(fn, encodeInput(input));
    const logs = loaded.logs.slice(before);
    const facts = loaded.lastCall();
    if (!outcome.ok) {
      const lastErrorLine = logs.filter((l) => l.level === "error").at(-1)?.text ?? null;
      const { kind, message } = explainFailure(outcome.error, { trapped: facts.trapped, errorSet: facts.errorSet, lastErrorLine });
      throw new PluginError(message, kind, fn, hostName, logs);
    }
    if (facts.returnCode !== null && facts.returnCode !== 0) {
      // The JS hosts let it pass; the Rust runtime (and the strict kernel) fail it so.
      throw new PluginError(`Returned non-zero exit code: ${facts.returnCode}`, "error", fn, hostName, logs);
    }
    return output(outcome.output, logs);
  };
  return {
    host: hostName,
    logs: loaded.logs,
    call,
    async callJSON<T>(fn: string, value?: unknown): Promise<T> {
      return (await call(fn, JSON.stringify(value ?? null))).json<T>();
    },
    close: () => loaded.close(),
  };
}

function encodeInput(input: unknown): string | Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (typeof input === "string" || input instanceof Uint8Array) return input;
  return JSON.stringify(input);
}

function output(bytes: Uint8Array | null, logs: LogLine[]): CallOutput {
  const text = bytes === null ? "" : new TextDecoder().decode(bytes);
  return {
    bytes,
    text,
    json<T>(): T {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new Error(`the output is not JSON: ${JSON.stringify(text.length > 200 ? text.slice(0, 200) + "…" : text)}`);
      }
    },
    logs,
  };
}
