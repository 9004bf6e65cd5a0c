// Fetch the URL given as input and report what came back. The host decides
// which hosts a plug-in may reach (allowed hosts).
import { Http, HttpRequest } from "extism-as-pdk";

@json
class FetchReport {
  url: string = "";
  status: u16 = 0;
  bytes: i32 = 0;
}

// The input is the URL (text); the report is the output (JSON).
export function http_get(url: string): FetchReport {
  const response = Http.request(new HttpRequest(url).header("Accept", "*/*"));

  const report = new FetchReport();
  report.url = url;
  report.status = response.status;
  report.bytes = response.body().length;
  return report;
}
