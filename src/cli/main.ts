/**
 * `extism-as`: run Extism plug-ins on the embedded JS host, inspect built
 * plug-ins, and start new plug-in projects.
 *
 *   extism-as call PLUGIN.wasm FUNCTION [options]
 *   extism-as inspect PLUGIN.wasm [--json]
 *   extism-as new NAME
 */
import { CALL_USAGE, callOptionsHelp, parseCallArgs, UsageError } from "./args.ts";
import { INSPECT_USAGE, inspect } from "./inspect.ts";
import { NEW_USAGE, newProject } from "./new.ts";
import { GEN_USAGE, gen } from "../gen/command.ts";
import { hostVersion, ownPackage } from "./package.ts";

// The JS SDK's WASI support prints an ExperimentalWarning when it loads; the
// command prints no warnings of its own making.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  if (type === "ExperimentalWarning" || (warning instanceof Error && warning.name === "ExperimentalWarning")) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const HELP = `extism-as: run Extism plug-ins, inspect them, start new ones

${CALL_USAGE}
  Calls FUNCTION of PLUGIN.wasm on the embedded host (@extism/extism ${hostVersion()}).
  The output goes to stdout byte for byte; the plug-in's log lines go to stderr
  as "[level] message"; a failed call exits 1 with one line
  "extism-as: FUNCTION failed: <the plug-in's message>". Host functions the
  plug-in imports and --functions does not give fail the call when called.
  --allow-host and --timeout run the plug-in in the JS host's worker thread,
  where every host call is slower.

${callOptionsHelp()}

${INSPECT_USAGE}
  Prints the plug-in's functions, its imports grouped by who provides them,
  which hosts can load it, what it needs from its host, and what stops it from
  loading; exits 1 if something does. --json prints the same as JSON.

${NEW_USAGE}
  Writes a plug-in project (package.json, asconfig.json, a plug-in, a test)
  into ./NAME that builds and passes its test with: npm install && npm test
  --pdk sets its extism-as-pdk dependency (default: this version; file:PATH
  for a local copy).

${GEN_USAGE}
  Writes AssemblyScript bindings for the XTP schema into DIR (default: .):
  assembly/pdk.ts and assembly/index.ts (generated, rewritten each run) and,
  when absent, assembly/main.ts (yours: a stub per export) and the files of
  a project. See docs/xtp.md.

extism-as --version
`;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** What to tell the user about a failure outside a call. */
function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  // The JS SDK's worker rejects with plain objects.
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(e);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "call": {
        const { call } = await import("./call.ts");
        const io = { stdout: process.stdout, stderr: process.stderr, readStdin, stdinIsTerminal: process.stdin.isTTY === true };
        return await call(parseCallArgs(rest), io);
      }
      case "inspect": {
        const { text, code } = inspect(rest);
        process.stdout.write(text);
        return code;
      }
      case "new":
        process.stdout.write(newProject(rest));
        return 0;
      case "gen":
        process.stdout.write(await gen(rest));
        return 0;
      case "--version":
      case "-v": {
        const own = ownPackage();
        process.stdout.write(`extism-as-pdk ${own.version} (@extism/extism ${hostVersion(own)})\n`);
        return 0;
      }
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(HELP);
        return 0;
      case undefined:
        process.stderr.write(HELP);
        return 2;
      default:
        throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`extism-as: ${e.message}\n`);
      return 2;
    }
    // A LoadError (call.ts) is one line per cause, each its own message;
    // any other error is one message, however many lines.
    const lines = (e as { lines?: unknown } | null)?.lines;
    if (Array.isArray(lines)) process.stderr.write(lines.map((line) => `extism-as: ${String(line)}\n`).join(""));
    else process.stderr.write(`extism-as: ${messageOf(e)}\n`);
    return 1;
  }
}

/**
 * Exits with `code` once stdout and stderr are flushed. Exiting, rather than
 * waiting for the event loop to drain, matters: the JS SDK leaves a call's
 * timeout timer running after the call returns (a `--timeout` of a minute
 * would keep the command alive for a minute), and a worker that failed to
 * load the plug-in reports the same error again later.
 */
let exiting = false;
function exit(code: number): void {
  exiting = true;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

// Anything thrown outside a call (a worker failing to load the plug-in, a
// closed stdout) is one line on stderr, not a stack trace.
process.on("uncaughtException", (e) => {
  if (exiting) return;
  process.stderr.write(`extism-as: ${messageOf(e)}\n`);
  exit(1);
});

exit(await main(process.argv.slice(2)));
