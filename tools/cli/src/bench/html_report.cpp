// The --report page. The figures travel as JSON inside the page and a short script renders
// them, so the page shows exactly what --json holds and a test can compare the two.
#include "run_figures.hpp"

#include <boost/json/serialize.hpp>

namespace talentray::cli::bench {
namespace {

// "</" would end the script element early; "<\/" means the same to JSON.
std::string embeddable(std::string json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        out += json[i];
        if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') out += '\\';
    }
    return out;
}

constexpr const char* head = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>talentray bench report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}td{padding:2px 12px 2px 0}td.n{text-align:right;font-variant-numeric:tabular-nums}
svg{background:#fafafa;border:1px solid #ddd;margin:0 0 1.5em}h2{font-size:15px;margin:1em 0 .3em}
.legend span{margin-right:1em}
</style></head><body>
<h1>talentray bench</h1>
<p id="what"></p>
<table>
<tr><td>achieved rate</td><td class="n" id="achieved_per_second"></td><td>requests/s, of</td><td class="n" id="asked_per_second"></td><td>asked</td></tr>
<tr><td>calls</td><td class="n" id="calls"></td><td>succeeded</td><td class="n" id="succeeded"></td><td>failed</td><td class="n" id="failed"></td></tr>
<tr><td>requests</td><td class="n" id="requests"></td><td>429s</td><td class="n" id="rate_limited"></td><td>retries</td><td class="n" id="retries"></td></tr>
<tr><td>admitted</td><td class="n" id="admitted"></td><td>admission waits</td><td class="n" id="admission_waits"></td></tr>
<tr><td>latency ms</td><td>p50 <b id="p50"></b></td><td>p90 <b id="p90"></b></td><td>p99 <b id="p99"></b></td><td>p99.9 <b id="p99_9"></b></td><td>max <b id="max"></b></td></tr>
</table>
<p>Latency runs from each call's scheduled send time to its end (open loop: no coordinated omission).</p>
<h2>Requests admitted per second</h2><svg id="admitted_plot" width="720" height="160"></svg>
<h2>429 responses per second</h2><svg id="rate_limited_plot" width="720" height="160"></svg>
<h2>Latency per second (ms): <span class="legend"><span style="color:#1f77b4">p50</span><span style="color:#ff7f0e">p90</span><span style="color:#d62728">p99</span></span></h2>
<svg id="latency_plot" width="720" height="200"></svg>
<script id="figures" type="application/json">)";

constexpr const char* tail = R"(</script>
<script>
"use strict";
const f = JSON.parse(document.getElementById("figures").textContent);
const put = (id, text) => { document.getElementById(id).textContent = String(text); };
const ms = v => v.toFixed(3);
put("what", f.operations.join(", ") + " at " + f.asked + (f.scheduler ? "" : " without the scheduler") +
    ", " + f.elapsed_seconds.toFixed(1) + " s");
put("achieved_per_second", f.achieved_per_second.toFixed(3));
put("asked_per_second", f.asked_per_second.toFixed(3));
for (const k of ["calls", "succeeded", "failed", "requests", "rate_limited", "retries", "admitted", "admission_waits"]) put(k, f[k]);
for (const k of ["p50", "p90", "p99", "p99_9", "max"]) put(k, ms(f.latency_ms[k]));
const NS = "http://www.w3.org/2000/svg";
function plot(id, lines) {
  const svg = document.getElementById(id);
  const w = +svg.getAttribute("width"), h = +svg.getAttribute("height"), pad = 36;
  const n = f.per_second.length;
  let top = 0;
  for (const l of lines) for (const s of f.per_second) top = Math.max(top, l.value(s));
  if (top === 0) top = 1;
  const x = i => pad + (n <= 1 ? 0 : i * (w - 2 * pad) / (n - 1));
  const y = v => h - pad / 2 - v * (h - pad) / top;
  const add = (name, attrs, text) => {
    const e = document.createElementNS(NS, name);
    for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
  };
  add("line", {x1: pad, y1: y(0), x2: w - pad, y2: y(0), stroke: "#999"});
  add("text", {x: 2, y: y(top) + 4, "font-size": 11}, String(+top.toFixed(2)));
  add("text", {x: 2, y: y(0) + 4, "font-size": 11}, "0");
  add("text", {x: w - pad, y: h - 2, "font-size": 11, "text-anchor": "end"}, n + " s");
  for (const l of lines) {
    const points = f.per_second.map((s, i) => x(i).toFixed(1) + "," + y(l.value(s)).toFixed(1)).join(" ");
    add("polyline", {points, fill: "none", stroke: l.color, "stroke-width": 1.5});
  }
  svg.setAttribute("data-points", String(n));
  svg.setAttribute("data-total", String(f.per_second.reduce((sum, s) => sum + lines[0].value(s), 0)));
}
plot("admitted_plot", [{value: s => s.admitted, color: "#2ca02c"}]);
plot("rate_limited_plot", [{value: s => s.rate_limited, color: "#d62728"}]);
plot("latency_plot", [{value: s => s.latency_ms.p50, color: "#1f77b4"}, {value: s => s.latency_ms.p90, color: "#ff7f0e"},
                      {value: s => s.latency_ms.p99, color: "#d62728"}]);
document.body.setAttribute("data-rendered", "yes");
</script>
</body></html>
)";

}  // namespace

std::string render_html_report(const boost::json::object& json) {
    return std::string(head) + embeddable(boost::json::serialize(json)) + tail;
}

}  // namespace talentray::cli::bench
