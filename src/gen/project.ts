/**
 * Writes a generated plug-in project, or updates one:
 *
 * - assembly/pdk.ts and assembly/index.ts are generated: written each time
 *   (only when their text changes), and never over a file that lacks the
 *   generated header (someone else's file);
 * - assembly/main.ts is the user's: written only when absent. When the
 *   schema has exports that it lacks, the report shows their stubs to add;
 * - package.json, asconfig.json, .gitignore and README.md make a new
 *   project buildable as `extism-as new` projects are; each is written only
 *   when absent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { packageJson } from "../cli/new.ts";
import { ownPackage, PACKAGE_ROOT } from "../cli/package.ts";
import { Emitter, type Generated, generatedHeader } from "./emit.ts";
import type { Schema } from "./model.ts";
import { Names } from "./names.ts";

export interface ProjectOptions {
  /** The schema file, as given. */
  schemaPath: string;
  /** The project's folder. */
  out: string;
  /** The extism-as-pdk dependency of a new package.json. */
  pdkSpec: string;
}

/** The generated files and the user's, relative to the project. */
export const FILES = { pdk: "assembly/pdk.ts", index: "assembly/index.ts", main: "assembly/main.ts" } as const;

/** Generates the project's files for `schema`; returns the report for the user. */
export function writeProject(schema: Schema, options: ProjectOptions): string {
  const out = resolve(options.out);
  const schemaFile = relative(out, resolve(options.schemaPath)).split(sep).join("/");
  const names = new Names(schema);
  const generated = new Emitter(schema, names, schemaFile).generate();
  const header = generatedHeader(schemaFile).split("\n", 1)[0]!.replace(/ from .*/, "");
  const report: string[] = [];
  const written: string[] = [];
  const unchanged: string[] = [];

  for (const [file, text] of [
    [FILES.pdk, generated.pdk],
    [FILES.index, generated.index],
  ] as const) {
    const path = join(out, file);
    if (existsSync(path)) {
      const old = readFileSync(path, "utf8");
      if (!old.startsWith(header)) {
        throw new Error(`${join(options.out, file)} exists and was not written by extism-as gen (it lacks the "${header}" header): move it away, or generate into another --out`);
      }
      if (old === text) {
        unchanged.push(file);
        continue;
      }
    }
    write(path, text);
    written.push(file);
  }

  const mainPath = join(out, FILES.main);
  let mainNote: string;
  if (!existsSync(mainPath)) {
    write(mainPath, generated.main);
    written.push(FILES.main);
    const count = schema.exports.length;
    mainNote = `${FILES.main} is yours: write the ${count === 1 ? "function" : `${count} functions`} there (${count === 1 ? "it fails" : "each fails"} with "not implemented" until then).`;
  } else {
    mainNote = mainReport(readFileSync(mainPath, "utf8"), generated, schema, names);
  }

  const scaffold: string[] = [];
  const name = packageName(out);
  const template = join(PACKAGE_ROOT, "templates", "plugin");
  const projectFiles: [string, () => string][] = [
    ["package.json", () => packageJson(name, options.pdkSpec, ownPackage(), false)],
    ["asconfig.json", () => readFileSync(join(template, "asconfig.json"), "utf8")],
    [".gitignore", () => readFileSync(join(template, "gitignore"), "utf8")],
    ["README.md", () => readme(name, schemaFile, schema)],
  ];
  for (const [file, text] of projectFiles) {
    const path = join(out, file);
    if (existsSync(path)) continue;
    write(path, text());
    scaffold.push(file);
  }

  const where = options.out === "." ? "." : options.out;
  report.push(`extism-as gen: ${schemaFile} -> ${where}${where.endsWith("/") ? "" : "/"}`);
  if (written.length > 0) report.push(`  wrote ${written.join(", ")}`);
  if (unchanged.length > 0) report.push(`  unchanged: ${unchanged.join(", ")}`);
  if (scaffold.length > 0) report.push(`  new project: ${scaffold.join(", ")}`);
  if (names.notes.length > 0) report.push("Names changed for AssemblyScript (JSON and the host keep the schema's):", ...names.notes.map((n) => `  ${n}`));
  report.push(mainNote);
  if (scaffold.includes("package.json")) report.push(`Next: ${where === "." ? "" : `cd ${where} && `}npm install && npm run build`);
  return report.join("\n") + "\n";
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The names that the user's main.ts exports: `export function NAME` and `export { a, b as NAME }`. */
export function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const m of code.matchAll(/\bexport\s+function\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of code.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const words = part.trim().split(/\s+as\s+/);
      const name = words.at(-1)?.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** What to tell the user about their main.ts: the stubs it lacks, the functions the schema dropped. */
function mainReport(text: string, generated: Generated, schema: Schema, names: Names): string {
  const has = exportedNames(text);
  const missing = [...generated.stubs.entries()].filter(([name]) => !has.has(name));
  const wanted = new Set(schema.exports.map((f) => names.exportFn(f.name)));
  const extra = [...has].filter((name) => !wanted.has(name));
  const lines: string[] = [];
  if (missing.length === 0) lines.push(`${FILES.main} is yours and was left as it is; it has every function the schema exports.`);
  else {
    lines.push(
      `${FILES.main} is yours and was left as it is, but it lacks ${missing.length === 1 ? "a function" : `${missing.length} functions`} that ${FILES.index} calls: add ${missing.length === 1 ? "it" : "them"} (and import any new types from "./pdk"):`,
      "",
      ...missing.map(([, stub]) => stub),
    );
  }
  if (extra.length > 0) {
    lines.push(`${FILES.main} also exports ${extra.join(", ")}, which the schema does not export: the plug-in does not export ${extra.length === 1 ? "it" : "them"}.`);
  }
  return lines.join("\n");
}

/** A package name for the project in `dir`. */
function packageName(dir: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "");
  return name === "" ? "plugin" : name;
}

function readme(name: string, schemaFile: string, schema: Schema): string {
  const exports = schema.exports.map((f) => `\`${f.name}\``).join(", ");
  return `# ${name}

An [Extism](https://extism.org) plug-in written in AssemblyScript with
[extism-as-pdk](https://www.npmjs.com/package/extism-as-pdk), from the XTP
schema \`${schemaFile}\`${exports === "" ? "" : ` (exports ${exports})`}.

\`\`\`sh
npm install
npm run build                        # builds build/plugin.wasm
npx extism-as gen ${schemaFile} --out .   # after changing the schema: updates the generated files
\`\`\`

- \`assembly/main.ts\`: yours; one function per export of the schema.
- \`assembly/pdk.ts\` (generated): the schema's types and host functions.
- \`assembly/index.ts\` (generated): the plug-in's exports; each checks its
  input against the schema, then calls your function.
- \`asconfig.json\`: the build; it extends \`extism-as-pdk/asconfig.json\`.
`;
}
