// HTTP through the host: any status, binary bodies, headers sent.
import { Config, Host, Http, HttpRequest } from "extism-as-pdk";

@json
class Summary {
  status: u16 = 0;
  length: i32 = 0;
  text: string = "";
}

/** GET the URL given as input; output status, body length and text. */
export function get(): i32 {
  const res = Http.request(new HttpRequest(Host.inputString()));
  const s = new Summary();
  s.status = res.status;
  s.length = res.body().length;
  s.text = res.text();
  Host.outputJSON(s);
  return 0;
}

/** POST the input bytes to config `url` with two headers; output the response body. */
export function post(): i32 {
  const url = Config.get("url");
  if (url === null) {
    Host.setError("config 'url' is missing");
    return 1;
  }
  const req = new HttpRequest(url, "POST")
    .header("Content-Type", "application/octet-stream")
    .header("X-Quote", "say \"hi\"\\ok");
  const res = Http.request(req, Host.input());
  Host.output(res.body());
  return 0;
}

@json
class Reply {
  ok: bool = false;
  items: string[] = [];
}

/** GET the input URL and parse the response as JSON. */
export function get_json(): i32 {
  const reply = Http.request(new HttpRequest(Host.inputString())).json<Reply>();
  Host.outputString((reply.ok ? "ok " : "not ok ") + reply.items.join(","));
  return 0;
}
