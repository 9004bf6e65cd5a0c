/**
 * Parsing of `extism-as call` arguments. The options are spelled as the
 * Extism CLI's `extism call` spells them, so habits carry over; the table
 * below is also the help text.
 */

export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "silent";
export const LOG_LEVELS: readonly LogLevelName[] = ["trace", "debug", "info", "warn", "error", "silent"];

export interface CallArgs {
  /** The plug-in's .wasm file, or with `manifest` an Extism manifest (JSON). */
  wasm: string;
  manifest: boolean;
  fn: string;
  /** `auto`: stdin when it is not a terminal, else empty. */
  input: { text: string } | { file: string } | { stdin: true } | { auto: true };
  /** From `--set-config`, then `--config` (later wins); over the manifest's. */
  config: Record<string, string>;
  allowHosts: string[];
  /** `--allow-path HOST[:GUEST]`. */
  allowPaths: { host: string; guest: string }[];
  links: { name: string; path: string }[];
  functions: string[];
  wasi: boolean;
  logLevel: LogLevelName;
  timeoutMs: number | null;
  memoryMaxPages: number | null;
  varMaxBytes: number | null;
  httpResponseMaxBytes: number | null;
  httpResponseHeaders: boolean;
  loop: number;
}

export class UsageError extends Error {}

interface OptionSpec {
  name: string;
  alias?: string;
  /** The value's placeholder; none for a flag. */
  value?: string;
  help: string;
}

/** Every option of `call`, in help order. */
export const CALL_OPTIONS: readonly OptionSpec[] = [
  { name: "--input", alias: "-i", value: "TEXT", help: "the input (else --input-file, --stdin, or stdin when it is not a terminal)" },
  { name: "--input-file", value: "FILE", help: "the input, from a file, byte for byte" },
  { name: "--stdin", help: "the input, from stdin" },
  { name: "--config", value: "KEY=VALUE", help: "a config value (repeatable)" },
  { name: "--set-config", value: "JSON", help: 'config values as a JSON object of strings: \'{"key":"value"}\' (--config wins)' },
  { name: "--manifest", alias: "-m", help: "PLUGIN is an Extism manifest (JSON: wasm, config, allowed_hosts, allowed_paths, memory, timeout_ms)" },
  { name: "--link", value: "NAME=PATH", help: "another module the plug-in imports from as NAME (repeatable)" },
  { name: "--functions", value: "FILE.mjs", help: "host functions from a JavaScript module (repeatable; see the README)" },
  { name: "--allow-host", value: "HOST", help: "let the plug-in make HTTP requests to HOST, a name or a pattern like *.example.com (repeatable)" },
  { name: "--enable-http-response-headers", help: "let the plug-in read HTTP response headers" },
  { name: "--http-response-max", value: "BYTES", help: "largest HTTP response body the host reads" },
  { name: "--wasi", help: "give the plug-in WASI" },
  { name: "--allow-path", value: "HOST[:GUEST]", help: "a directory WASI may reach, as GUEST (repeatable; needs --wasi)" },
  { name: "--memory-max", value: "PAGES", help: "most kernel memory the plug-in may allocate, in 64 KiB pages" },
  { name: "--var-max", value: "BYTES", help: "most bytes the plug-in's vars may hold" },
  { name: "--timeout", value: "MS", help: "stop a call after MS milliseconds" },
  { name: "--log-level", value: "LEVEL", help: "show the plug-in's log lines from LEVEL up: trace, debug, info, warn, error (default), silent" },
  { name: "--loop", value: "N", help: "call N times on one instance; print the time per call on stderr" },
];

export const CALL_USAGE = "usage: extism-as call PLUGIN.wasm FUNCTION [options]";

/** The options' help, one per line. */
export function callOptionsHelp(): string {
  const label = (o: OptionSpec) => `${o.alias !== undefined ? `${o.alias}, ` : ""}${o.name}${o.value !== undefined ? ` ${o.value}` : ""}`;
  const width = Math.max(...CALL_OPTIONS.map((o) => label(o).length));
  return CALL_OPTIONS.map((o) => `  ${label(o).padEnd(width)}  ${o.help}`).join("\n");
}

/** Parses the arguments after `call`. Throws `UsageError` naming the problem. */
export function parseCallArgs(argv: string[]): CallArgs {
  const positional: string[] = [];
  const args: Omit<CallArgs, "wasm" | "fn"> = {
    manifest: false,
    input: { auto: true },
    config: {},
    allowHosts: [],
    allowPaths: [],
    links: [],
    functions: [],
    wasi: false,
    logLevel: "error",
    timeoutMs: null,
    memoryMaxPages: null,
    varMaxBytes: null,
    httpResponseMaxBytes: null,
    httpResponseHeaders: false,
    loop: 1,
  };
  let setConfig: Record<string, string> = {};
  const configs: Record<string, string> = {};
  let inputGiven = false;
  const setInput = (input: CallArgs["input"]) => {
    if (inputGiven) throw new UsageError("give the input once: --input, --input-file or --stdin");
    inputGiven = true;
    args.input = input;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = CALL_OPTIONS.find((o) => o.name === written || o.alias === written);
    if (spec === undefined) throw new UsageError(`unknown option ${arg}`);
    const name = spec.name;
    let value = "";
    if (spec.value !== undefined) {
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = argv[++i];
        if (next === undefined) throw new UsageError(`${name} needs a value (${spec.value})`);
        value = next;
      }
    } else if (eq > 0) throw new UsageError(`${name} takes no value`);
    switch (name) {
      case "--input":
        setInput({ text: value });
        break;
      case "--input-file":
        setInput({ file: value });
        break;
      case "--stdin":
        setInput({ stdin: true });
        break;
      case "--config": {
        const at = value.indexOf("=");
        if (at <= 0) throw new UsageError(`--config takes KEY=VALUE, got "${value}"`);
        configs[value.slice(0, at)] = value.slice(at + 1);
        break;
      }
      case "--set-config":
        setConfig = stringRecord(value);
        break;
      case "--manifest":
        args.manifest = true;
        break;
      case "--link": {
        const at = value.indexOf("=");
        if (at <= 0 || at === value.length - 1) throw new UsageError(`--link takes NAME=PATH, got "${value}"`);
        args.links.push({ name: value.slice(0, at), path: value.slice(at + 1) });
        break;
      }
      case "--functions":
        args.functions.push(value);
        break;
      case "--allow-host":
        args.allowHosts.push(value);
        break;
      case "--enable-http-response-headers":
        args.httpResponseHeaders = true;
        break;
      case "--http-response-max":
        args.httpResponseMaxBytes = positiveInt(name, value);
        break;
      case "--wasi":
        args.wasi = true;
        break;
      case "--allow-path": {
        // HOST:GUEST, as `extism call` splits it: at the first colon.
        const at = value.indexOf(":");
        args.allowPaths.push(at < 0 ? { host: value, guest: value } : { host: value.slice(0, at), guest: value.slice(at + 1) });
        break;
      }
      case "--memory-max":
        args.memoryMaxPages = positiveInt(name, value);
        break;
      case "--var-max":
        args.varMaxBytes = positiveInt(name, value);
        break;
      case "--timeout":
        args.timeoutMs = positiveInt(name, value);
        break;
      case "--log-level":
        if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
        args.logLevel = value as LogLevelName;
        break;
      case "--loop":
        args.loop = positiveInt(name, value);
        break;
    }
  }
  if (positional.length !== 2) throw new UsageError(CALL_USAGE);
  if (args.allowPaths.length > 0 && !args.wasi) throw new UsageError("--allow-path gives WASI a directory: add --wasi");
  args.config = { ...setConfig, ...configs };
  return { wasm: positional[0]!, fn: positional[1]!, ...args };
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${name} takes a positive whole number, got "${value}"`);
  return n;
}

/** A JSON object of strings, for `--set-config`. */
function stringRecord(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--set-config takes a JSON object of strings, e.g. '{"key":"value"}'; got ${JSON.stringify(text)}, which is not JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`--set-config takes a JSON object of strings, e.g. '{"key":"value"}'; got ${JSON.stringify(text)}`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new UsageError(`--set-config: the value of "${key}" is not a string (config values are text)`);
  }
  return value as Record<string, string>;
}
