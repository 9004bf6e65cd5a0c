/**
 * Loaded with `--import` into the JS SDK's worker thread (`--allow-host`,
 * `--timeout`): watches the plug-in's calls there, into the array that the
 * command passed as `workerData` (see call-watch.ts).
 */
import { workerData } from "node:worker_threads";
import { WATCH_DATA_KEY, watchInstances } from "./call-watch.ts";

const buffer: unknown = (workerData as Record<string, unknown> | null)?.[WATCH_DATA_KEY];
if (buffer instanceof SharedArrayBuffer) watchInstances(new Int32Array(buffer));
