/** A plug-in's own project in a temporary folder, laid out as a user's is. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../tools/build.ts";

/**
 * A new folder (named from `prefix`) with node_modules holding the PDK (this
 * repository) and the packages it builds with, and an asconfig.json that
 * extends the package's `preset` and writes plugin.wasm. Remove it when done.
 */
export function tempProject(prefix: string, preset = "asconfig.json"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "extism-as-pdk"));
  for (const name of ["assemblyscript", "json-as", "xjb-as"]) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  writeFileSync(join(dir, "asconfig.json"), JSON.stringify({ extends: `extism-as-pdk/${preset}`, options: { outFile: "plugin.wasm" } }));
  return dir;
}
