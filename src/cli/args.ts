/** Parsing of `extism-as call` arguments. */

export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "silent";
const LOG_LEVELS: readonly LogLevelName[] = ["trace", "debug", "info", "warn", "error", "silent"];

export interface CallArgs {
  wasm: string;
  fn: string;
  input: { text: string } | { file: string } | { stdin: true };
  config: Record<string, string>;
  allowHosts: string[];
  wasi: boolean;
  logLevel: LogLevelName;
  timeoutMs: number | null;
  loop: number;
}

export class UsageError extends Error {}

export const CALL_USAGE =
  "usage: extism-as call PLUGIN.wasm FUNCTION [--input TEXT | --input-file FILE | stdin] [--config KEY=VALUE]... " +
  "[--allow-host HOST]... [--wasi] [--log-level trace|debug|info|warn|error|silent] [--timeout MS] [--loop N]";

/** Parses the arguments after `call`. Throws `UsageError` naming the problem. */
export function parseCallArgs(argv: string[]): CallArgs {
  const positional: string[] = [];
  const args: Omit<CallArgs, "wasm" | "fn"> = {
    input: { stdin: true },
    config: {},
    allowHosts: [],
    wasi: false,
    logLevel: "error",
    timeoutMs: null,
    loop: 1,
  };
  let inputGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takesValue = ["--input", "--input-file", "--config", "--allow-host", "--log-level", "--timeout", "--loop"].includes(name);
    let value = "";
    if (takesValue) {
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = argv[++i];
        if (next === undefined) throw new UsageError(`${name} needs a value`);
        value = next;
      }
    }
    switch (name) {
      case "--input":
      case "--input-file":
        if (inputGiven) throw new UsageError("give the input once: --input, --input-file or stdin");
        inputGiven = true;
        args.input = name === "--input" ? { text: value } : { file: value };
        break;
      case "--config": {
        const at = value.indexOf("=");
        if (at <= 0) throw new UsageError(`--config takes KEY=VALUE, got "${value}"`);
        args.config[value.slice(0, at)] = value.slice(at + 1);
        break;
      }
      case "--allow-host":
        args.allowHosts.push(value);
        break;
      case "--wasi":
        args.wasi = true;
        break;
      case "--log-level":
        if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
        args.logLevel = value as LogLevelName;
        break;
      case "--timeout":
        args.timeoutMs = positiveInt(name, value);
        break;
      case "--loop":
        args.loop = positiveInt(name, value);
        break;
      default:
        if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (positional.length !== 2) throw new UsageError(CALL_USAGE);
  return { wasm: positional[0]!, fn: positional[1]!, ...args };
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a positive whole number, got "${value}"`);
  return n;
}
