// build: modern
// Response headers need http_headers: hosts newer than JS SDK 1.0.3.
import { Host, Http, HttpRequest } from "extism-as-pdk";

/** GET the input URL; output header x-reply, then the number of headers. */
export function headers(): i32 {
  const res = Http.request(new HttpRequest(Host.inputString()));
  const reply = res.header("X-Reply");
  Host.outputString((reply === null ? "null" : reply) + " " + res.headers().size.toString());
  return 0;
}
