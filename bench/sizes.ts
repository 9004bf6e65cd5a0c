/**
 * Where the bytes of each example and bench plug-in go (bench/breakdown.ts),
 * for the size table of `npm run bench`, the README and bench/results.json;
 * and whether a plug-in holds code for what it does not use (JSON, HTTP).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../tools/build.ts";
import { breakdownFile, type Part } from "./breakdown.ts";

/** What a plug-in of this PDK uses, of what costs code when used. */
interface Uses {
  json: boolean;
  http: boolean;
}

const NONE: Uses = { json: false, http: false };

/**
 * What each plug-in of this PDK uses (by its path under build/, without
 * `.wasm`); a minimal build as its default one. The floor, official and
 * baseline plug-ins are not this PDK's: not checked.
 */
const USES: Record<string, Uses> = {
  "examples/count-vowels": NONE,
  "examples/errors": NONE,
  "examples/greet": { json: true, http: false },
  "examples/host-functions": NONE,
  "examples/http-get": { json: true, http: true },
  "examples/kitchen-sink": { json: false, http: true },
  "examples/logging": NONE,
  "bench/pdk-count-vowels": NONE,
  "bench/pdk-count-vowels-ptr": NONE,
  "bench/pdk-echo": NONE,
  "bench/pdk-echo-string": NONE,
  "bench/pdk-echo-string-typed": NONE,
  "bench/pdk-echo-typed": NONE,
  "bench/pdk-json": { json: true, http: false },
  "bench/pdk-json-class": { json: true, http: false },
  "bench/pdk-json-typed": { json: true, http: false },
  "bench/pdk-log": NONE,
  "bench/pdk-vars": NONE,
};

/** Functions that are JSON code: json-as (and xjb-as, its float writer), the PDK's JSON files, the methods of @json classes. */
const JSON_CODE = /^~lib\/(json-as|xjb-as)\/|^~lib\/extism-as-pdk\/assembly\/(json|decimal)|#__(EXTISM_|SERIALIZE|DESERIALIZE|INITIALIZE)/;
/** Functions that are HTTP code. */
const HTTP_CODE = /^~lib\/extism-as-pdk\/assembly\/http/;

export interface PluginSize {
  /** Path under build/, without `.wasm` (`examples/greet`, `bench/pdk-count-vowels.minimal`). */
  name: string;
  bytes: number;
  parts: Record<Part, number>;
  /** What the plug-in uses, or null when it is not this PDK's (not checked). */
  uses: Uses | null;
  /** The JSON and HTTP functions in it (the names, for a report when it should have none). */
  jsonCode: string[];
  httpCode: string[];
}

/** Every example and bench plug-in built with its `.wast` next to it (bench/run.ts builds them so). */
export function pluginSizes(): PluginSize[] {
  const out: PluginSize[] = [];
  for (const dir of ["examples", "bench"]) {
    const folder = join(ROOT, "build", dir);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).sort()) {
      if (!file.endsWith(".wasm") || !existsSync(join(folder, file.replace(/\.wasm$/, ".wast")))) continue;
      const name = `${dir}/${file.slice(0, -5)}`;
      const b = breakdownFile(join(folder, file));
      const names = b.functions.map((f) => f.name);
      out.push({
        name,
        bytes: b.total,
        parts: b.parts,
        uses: USES[name.replace(/\.(minimal|modern)$/, "")] ?? null,
        jsonCode: names.filter((n) => JSON_CODE.test(n)),
        httpCode: names.filter((n) => HTTP_CODE.test(n)),
      });
    }
  }
  return out;
}

/** The plug-ins that hold JSON or HTTP code they do not use, with what. */
export function unusedCode(sizes: PluginSize[]): string[] {
  const found: string[] = [];
  for (const s of sizes) {
    if (s.uses === null) continue;
    if (!s.uses.json && s.jsonCode.length > 0) found.push(`${s.name}: JSON code (${s.jsonCode.slice(0, 3).join(", ")})`);
    if (!s.uses.http && s.httpCode.length > 0) found.push(`${s.name}: HTTP code (${s.httpCode.slice(0, 3).join(", ")})`);
  }
  return found;
}
