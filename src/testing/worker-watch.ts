/**
 * Loaded with `--import` into the JS SDK's worker thread (`runInWorker`):
 * watches the plug-in's calls there, into the array passed as `workerData`
 * (see call-watch.ts), and sets the vars passed with it.
 */
import { workerData } from "node:worker_threads";
import { WATCH_DATA_KEY, watchInstances, watchNext } from "./call-watch.ts";

const data = (workerData as Record<string, unknown> | null)?.[WATCH_DATA_KEY] as { state?: unknown; vars?: Record<string, Uint8Array> } | undefined;
if (data?.state instanceof SharedArrayBuffer) {
  watchInstances();
  watchNext({ state: new Int32Array(data.state), ...(data.vars !== undefined ? { vars: data.vars } : {}) });
}
