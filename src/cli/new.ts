/** `extism-as new NAME`: writes a ready plug-in project from templates/plugin. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./args.ts";
import { type OwnPackage, ownPackage, PACKAGE_ROOT } from "./package.ts";

export const NEW_USAGE = "usage: extism-as new NAME [--pdk NPM_SPEC]";

const TEMPLATE = join(PACKAGE_ROOT, "templates", "plugin");

/**
 * The new project's package.json (with `withTests`, its as-pect and host
 * tests' dependencies and script). Versions come from this package's own
 * package.json, so a project builds with the compiler and runs on the host
 * that this release was tested with.
 */
export function packageJson(name: string, pdkSpec: string, own: OwnPackage, withTests = true): string {
  const dev = (dep: string): string => {
    const version = own.devDependencies[dep];
    if (version === undefined) throw new Error(`extism-as-pdk's package.json lacks the ${dep} dev dependency`);
    return version;
  };
  const pkg = {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: withTests
      ? {
          build: "asc --config asconfig.json",
          // Not `npm run build`: @as-pect/cli brings an old npm into node_modules/.bin.
          // The JS host warns that WASI is experimental when it loads, WASI or not.
          test: "asc --config asconfig.json && asp --config as-pect.config.js && node --disable-warning=ExperimentalWarning --test",
        }
      : { build: "asc --config asconfig.json" },
    dependencies: { "extism-as-pdk": pdkSpec },
    devDependencies: withTests
      ? { "@as-pect/cli": dev("@as-pect/cli"), "@extism/extism": dev("@extism/extism"), assemblyscript: dev("assemblyscript") }
      : { assemblyscript: dev("assemblyscript") },
  };
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

/** Writes the project into ./NAME (or the path NAME) and returns what to tell the user. */
export function newProject(argv: string[]): string {
  const own = ownPackage();
  let pdk = `^${own.version}`;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--pdk") {
      const spec = argv[++i];
      if (spec === undefined) throw new UsageError("--pdk needs an npm spec (a version, or file:PATH)");
      pdk = spec;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(NEW_USAGE);
  const dir = resolve(positional[0]!);
  const name = basename(dir);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new UsageError(`"${name}" is not a valid npm package name (lower case, digits, - _ .)`);
  if (existsSync(dir)) throw new UsageError(`${dir} exists already`);

  const files: Record<string, string> = { "package.json": packageJson(name, pdk, own) };
  for (const path of filesUnder(TEMPLATE)) {
    // npm leaves .gitignore and .npmrc files out of packages, so the template has them without the dot.
    const target = path === "gitignore" || path === "npmrc" ? `.${path}` : path;
    files[target] = readFileSync(join(TEMPLATE, path), "utf8").replaceAll("{{name}}", name);
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return `Created ${positional[0]}/. Next:\n  cd ${positional[0]}\n  npm install\n  npm test\n`;
}
