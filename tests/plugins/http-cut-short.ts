// HTTP responses the host could not read whole: over its size limit, or the
// connection dropped mid-body. The call must fail, never see a short body.
import { Host, Http, HttpRequest } from "extism-as-pdk";

/** GETs the input URL; outputs "<status> <body length> <checksum>" (sum of byte * (index % 251 + 1)). */
export function get(): i32 {
  const res = Http.request(new HttpRequest(Host.inputString()));
  const body = res.body();
  let sum: u64 = 0;
  for (let i = 0; i < body.length; i++) sum += <u64>body[i] * <u64>(i % 251 + 1);
  Host.outputString(res.status.toString() + " " + body.length.toString() + " " + sum.toString());
  return 0;
}
