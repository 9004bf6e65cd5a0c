/** This package's own package.json, read from where the command runs (src/cli or dist/cli alike). */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root: two levels above this file. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface OwnPackage {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export function ownPackage(): OwnPackage {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as OwnPackage;
}

/** The version of @extism/extism that `call` runs on (the `extism-v2` alias). */
export function hostVersion(own: OwnPackage = ownPackage()): string {
  const spec = own.dependencies["extism-v2"];
  if (spec === undefined) throw new Error("extism-as-pdk's package.json lacks the extism-v2 dependency");
  return spec.replace(/^npm:@extism\/extism@/, "");
}
