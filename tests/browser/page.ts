/**
 * The browser side of tests/browser/browser.test.ts. The test's server
 * serves this file compiled to JavaScript (TypeScript's transpileModule) as
 * /tests/browser/page.js, and the test page imports it. It loads a plug-in
 * with the JS SDK's browser build (dist/browser/mod.js, served under
 * /sdk/VERSION/mod.js), calls it, and hands everything that came back to the
 * test as plain data: node asserts, the page never judges.
 */
import { kvFunctions } from "../../tools/kv-store.ts";
import type * as BrowserSdkV1 from "../../node_modules/@extism/extism/dist/browser/mod.js";
import type * as BrowserSdkV2 from "../../node_modules/extism-v2/dist/browser/mod.js";

export type SdkVersion = "2.0.0-rc13" | "1.0.3";

export interface Scenario {
  sdk: SdkVersion;
  /** An example's name: its plug-in is /wasm/NAME.wasm (build/examples/NAME.wasm). */
  example: string;
  config?: Record<string, string>;
  /** 2.x only (1.0.3 has no such option and logs every line). */
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "silent";
  runInWorker?: boolean;
  allowedHosts?: string[];
  /** Give the plug-in tools/kv-store.ts's kv_read and kv_write, over a store kept in the page. */
  kv?: boolean;
  calls: { fn: string; input?: string }[];
}

/** A call's result: its output bytes (null when the plug-in set none), or the error's message. */
export type CallResult = { ok: true; bytes: number[] | null } | { ok: false; error: string };

export interface LogLine {
  level: string;
  text: string;
}

export interface ScenarioResult {
  crossOriginIsolated: boolean;
  /** Set when createPlugin failed; `calls` is then empty. */
  loadError: string | null;
  calls: CallResult[];
  /** Every line the SDK gave its logger, in order. */
  logs: LogLine[];
  /** The kv store after the calls (`kv` scenarios). */
  store: Record<string, string>;
}

type Sdk = typeof BrowserSdkV1 | typeof BrowserSdkV2;

/** The message of whatever a failed call rejected with (2.x in a worker rejects with a plain object). */
function messageOf(e: unknown): string {
  const message = e instanceof Error ? e.message : (e as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(e);
}

export async function run(scenario: Scenario): Promise<ScenarioResult> {
  const sdk = (await import(`/sdk/${scenario.sdk}/mod.js`)) as Sdk;
  const logs: LogLine[] = [];
  const line = (level: string) => (...args: unknown[]) => void logs.push({ level, text: args.map(String).join(" ") });
  const logger = { trace: line("trace"), debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error"), log: line("log") };
  const store = new Map<string, string>();
  const options: Record<string, unknown> = {
    useWasi: false,
    logger: logger as unknown as Console,
    config: scenario.config ?? {},
    runInWorker: scenario.runInWorker ?? false,
  };
  if (scenario.logLevel !== undefined) options.logLevel = scenario.logLevel;
  if (scenario.allowedHosts !== undefined) options.allowedHosts = scenario.allowedHosts;
  if (scenario.kv === true) options.functions = { "extism:host/user": kvFunctions(store) };
  const result: ScenarioResult = { crossOriginIsolated: self.crossOriginIsolated, loadError: null, calls: [], logs, store: {} };
  const url = `/wasm/${scenario.example}.wasm`;
  let plugin: Awaited<ReturnType<Sdk["createPlugin"]>>;
  try {
    plugin = await sdk.createPlugin({ wasm: [{ url }] }, options);
  } catch (e) {
    result.loadError = messageOf(e);
    return result;
  }
  try {
    for (const { fn, input } of scenario.calls) {
      try {
        const out = await plugin.call(fn, input ?? "");
        result.calls.push({ ok: true, bytes: out === null ? null : Array.from(out.bytes()) });
      } catch (e) {
        result.calls.push({ ok: false, error: messageOf(e) });
      }
    }
  } finally {
    await plugin.close();
  }
  result.store = Object.fromEntries(store);
  return result;
}

declare global {
  interface Window {
    extismTest?: { run: typeof run };
  }
}

window.extismTest = { run };
