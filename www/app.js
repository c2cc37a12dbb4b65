import init, { convert, validate, version } from "/pkg/web/orderbridge.js";

const examples = {
  good: {
    number: "ORD-1001",
    kind: "delivery",
    date: "2024-03-22",
    location: { lat: 48.870852, lon: 2.356148, address: "12 Rue du Faubourg Saint-Denis, 75010 Paris" },
    contact: { name: "Marie Curie", phone: "+33 1 23 45 67 89" },
    timeWindows: [{ kind: "local", start: 36000, end: 50400, date: "2024-03-22", timeZone: "Europe/Paris", endBounds: "serviceStart" }],
    service: { durationS: 300 },
    load: { weightKg: 5.1, packages: 3 },
    priority: "high",
  },
  bad: { number: 1001, location: { lat: 148.87, lon: 2.35 }, priority: "urgent", colour: "red" },
};

const $ = (id) => document.getElementById(id);
const payload = $("payload");
const format = $("format");

function show(report, micros) {
  const summary = $("summary");
  const errors = report.issues.filter((i) => i.severity === "error").length;
  const warnings = report.issues.length - errors;
  summary.textContent = report.ok
    ? `Valid${warnings ? ` (${warnings} warning${warnings > 1 ? "s" : ""})` : ""}`
    : `${errors} error${errors > 1 ? "s" : ""}${warnings ? `, ${warnings} warning${warnings > 1 ? "s" : ""}` : ""}`;
  summary.className = report.ok ? "ok" : "bad";
  const list = $("issues");
  list.replaceChildren(
    ...report.issues.map((issue) => {
      const li = document.createElement("li");
      li.className = issue.severity;
      const path = document.createElement("code");
      path.textContent = issue.path || "(payload)";
      const code = document.createElement("strong");
      code.textContent = ` ${issue.code} `;
      li.append(path, code, document.createTextNode(issue.message));
      return li;
    }),
  );
  $("meta").textContent = `${report.kind ? `validated as ${report.kind} · ` : ""}${micros.toFixed(0)} µs`;
  runConvert();
}

function run() {
  const t0 = performance.now();
  try {
    const report = validate(format.value, payload.value);
    show(report, (performance.now() - t0) * 1000);
  } catch (e) {
    $("summary").textContent = e.code === "INVALID_JSON" ? "Not JSON yet" : `Error: ${e.code}`;
    $("summary").className = "bad";
    const li = document.createElement("li");
    li.textContent = e.message;
    $("issues").replaceChildren(li);
    $("meta").textContent = "";
  }
}

function issueItem(issue) {
  const li = document.createElement("li");
  li.className = issue.severity;
  const path = document.createElement("code");
  path.textContent = issue.path || "(payload)";
  const code = document.createElement("strong");
  code.textContent = ` ${issue.code} `;
  li.append(path, code, document.createTextNode(issue.message));
  return li;
}

function runConvert() {
  const to = $("target").value;
  const summary = $("convert-summary");
  const output = $("output");
  const list = $("convert-issues");
  if (!to) {
    summary.textContent = "";
    output.textContent = "";
    list.replaceChildren();
    return;
  }
  const options = { from: format.value, to, preserveUnmapped: $("preserve").checked };
  if ($("zone").value.trim()) options.timeZone = $("zone").value.trim();
  if ($("date").value.trim()) options.date = $("date").value.trim();
  try {
    const result = convert(payload.value, options);
    const lostCount = result.lost.length;
    summary.textContent = result.output === null
      ? `Not converted to ${to}: see the issues.`
      : `Converted to ${to}${lostCount ? `; ${lostCount} field${lostCount > 1 ? "s" : ""} lost` : " with nothing lost"}.`;
    list.replaceChildren(...result.issues.map(issueItem));
    output.textContent = result.output === null ? "" : JSON.stringify(result.output, null, 2);
  } catch (e) {
    summary.textContent = `${e.code}: ${e.message}`;
    output.textContent = "";
    list.replaceChildren();
  }
}

function load(name) {
  payload.value = JSON.stringify(examples[name], null, 2);
  run();
}

await init();
$("version").textContent = `orderbridge ${version()}`;
for (const name of ["wialon", "yandex", "optimoroute", "magiclane"]) {
  // Offer only the formats this build knows.
  try {
    validate(name, "{}");
    format.append(new Option(name, name));
    $("target").append(new Option(name, name));
  } catch {}
}
payload.addEventListener("input", run);
format.addEventListener("change", run);
$("target").append(new Option("canonical", "canonical"));
for (const id of ["target", "zone", "date", "preserve"]) $(id).addEventListener("change", runConvert);
$("example-good").addEventListener("click", () => load("good"));
$("example-bad").addEventListener("click", () => load("bad"));
load("bad");
