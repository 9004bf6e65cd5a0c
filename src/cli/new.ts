/** `extism-as new NAME`: writes a ready plug-in project. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "./args.ts";
import { projectFiles } from "./templates.ts";

export const NEW_USAGE = "usage: extism-as new NAME [--pdk NPM_SPEC]";

/** The version of this package, for the new project's dependency. */
function ownVersion(): string {
  const pkg = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

/** Writes the project into ./NAME and returns what to tell the user. */
export function newProject(argv: string[]): string {
  let pdk = `^${ownVersion()}`;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--pdk") {
      const spec = argv[++i];
      if (spec === undefined) throw new UsageError("--pdk needs an npm spec (a version, or file:PATH)");
      pdk = spec;
    } else if (argv[i]!.startsWith("--")) throw new UsageError(`unknown option ${argv[i]}`);
    else positional.push(argv[i]!);
  }
  if (positional.length !== 1) throw new UsageError(NEW_USAGE);
  const dir = resolve(positional[0]!);
  const name = basename(dir);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new UsageError(`"${name}" is not a valid npm package name (lower case, digits, - _ .)`);
  if (existsSync(dir)) throw new UsageError(`${dir} exists already`);
  for (const [path, text] of Object.entries(projectFiles(name, pdk))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return `Created ${name}/. Next:\n  cd ${positional[0]}\n  npm install\n  npm test\n`;
}
