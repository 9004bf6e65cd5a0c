// The cross-PDK check Extism runs against every PDK: input, config, vars,
// HTTP, logging and output in one call.
import { Config, Host, Http, HttpRequest, LogLevel, Var } from "extism-as-pdk";

export function kitchen_sink(): i32 {
  const input = Host.input();

  const test = Config.get("test");
  Host.log(LogLevel.Info, "config test = " + (test === null ? "(unset)" : test));

  Var.setString("test_var", "something");
  const stored = Var.getString("test_var");
  if (stored === null || stored != "something") {
    Host.setError("var test_var should be 'something', got " + (stored === null ? "nothing" : "'" + stored + "'"));
    return 1;
  }

  const configured = Config.get("url");
  const url = configured !== null ? configured : "https://extism.org";
  const response = Http.request(new HttpRequest(url));
  if (response.status != 200) {
    Host.setError("GET " + url + " returned " + response.status.toString() + ", expected 200");
    return 1;
  }

  Host.log(LogLevel.Info, "this is an info log");
  Host.log(LogLevel.Debug, "this is a debug log");
  Host.log(LogLevel.Warn, "this is a warn log");
  Host.log(LogLevel.Error, "this is an error log");

  Host.output(input);
  return 0;
}
