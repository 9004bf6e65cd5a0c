/** `extism-as gen SCHEMA.yaml [--out DIR]`: AssemblyScript plug-in bindings from an XTP schema. */
import { readFile } from "node:fs/promises";
import { UsageError } from "../cli/args.ts";
import { ownPackage } from "../cli/package.ts";

export const GEN_USAGE = "usage: extism-as gen SCHEMA.yaml [--out DIR] [--pdk NPM_SPEC]";

/**
 * Reads the schema, checks it, and writes (or updates) the project in --out
 * (default: the current folder). Returns the report for stdout. Throws
 * UsageError for bad arguments, SchemaError (an Error) naming every problem
 * of the schema.
 */
export async function gen(argv: string[]): Promise<string> {
  const positional: string[] = [];
  let out = ".";
  let pdkSpec: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === "--out" || name === "--pdk") {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
      if (name === "--out") out = value;
      else pdkSpec = value;
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(GEN_USAGE);
  const schemaPath = positional[0]!;
  let text: string;
  try {
    text = await readFile(schemaPath, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${schemaPath}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  // Loaded here, not above: the other commands (`new` from an unpacked package) run without gen's dependencies.
  const { loadSchema } = await import("./schema.ts");
  const { writeProject } = await import("./project.ts");
  const schema = loadSchema(text, schemaPath);
  return writeProject(schema, { schemaPath, out, pdkSpec: pdkSpec ?? `^${ownPackage().version}` });
}
