/**
 * Makes `node_modules/extism-as-pdk` point at this repository, so that the
 * examples and test plug-ins import the PDK exactly as a user's plug-in does
 * (`import { Host } from "extism-as-pdk"`, `"extends": "extism-as-pdk/asconfig.json"`).
 * Runs as the `prepare` script (after `npm install` / `npm ci`) and before every build.
 */
import { existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function linkSelf(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const link = join(root, "node_modules", "extism-as-pdk");
  if (existsSync(link) || isBrokenLink(link)) return;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync("..", link, "dir");
}

function isBrokenLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) linkSelf();
