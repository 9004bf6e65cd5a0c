/** The files of a project made by `extism-as new`. */

export function projectFiles(name: string, pdkSpec: string): Record<string, string> {
  return {
    "package.json": JSON.stringify(
      {
        name,
        version: "0.1.0",
        private: true,
        type: "module",
        scripts: {
          build: "asc --config asconfig.json",
          test: "npm run build && node --test --no-warnings test/",
        },
        dependencies: { "extism-as-pdk": pdkSpec },
        devDependencies: { assemblyscript: "0.28.20", "@extism/extism": "1.0.3" },
      },
      null,
      2,
    ) + "\n",
    "asconfig.json": JSON.stringify(
      { extends: "extism-as-pdk/asconfig.json", entries: ["assembly/index.ts"], options: { outFile: "build/plugin.wasm" } },
      null,
      2,
    ) + "\n",
    "assembly/index.ts": `// An Extism plug-in. Build it with \`npm run build\`; run it with
// \`npx extism-as call build/plugin.wasm greet --input '{"name":"you"}'\`.
import { Host } from "extism-as-pdk";

@json
class Request {
  name: string = "";
}

@json
class Reply {
  message: string = "";
}

export function greet(): i32 {
  const request = Host.inputJSON<Request>();
  const reply = new Reply();
  reply.message = "Hello, " + request.name + "!";
  Host.outputJSON(reply);
  return 0;
}
`,
    "test/plugin.test.js": `// Runs the plug-in on the Extism JS host.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import createPlugin from "@extism/extism";

test("greet says hello", async () => {
  const plugin = await createPlugin({ wasm: [{ data: readFileSync("build/plugin.wasm") }] }, { useWasi: false });
  const output = await plugin.call("greet", JSON.stringify({ name: "Zoë" }));
  assert.deepEqual(output.json(), { message: "Hello, Zoë!" });
  await plugin.close();
});
`,
    ".gitignore": "node_modules/\nbuild/\n",
    "README.md": `# ${name}

An [Extism](https://extism.org) plug-in written in AssemblyScript with
[extism-as-pdk](https://www.npmjs.com/package/extism-as-pdk).

\`\`\`sh
npm install
npm test                      # builds build/plugin.wasm and runs test/
npx extism-as call build/plugin.wasm greet --input '{"name":"you"}'
\`\`\`
`,
  };
}
