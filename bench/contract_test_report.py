"""The Markdown report of bench/contract_test_bench.sh: which planted defects each tool found, side by side.

Usage: contract_test_report.py EXPECTED RESULTS_DIR HEADER_FILE
  EXPECTED     tests/fixtures/contract_test/expected_defects.txt (check id, tab, operation)
  RESULTS_DIR  what the bench script left: apictl.APP.json, TOOL.APP.xml (Dredd's xunit report),
               TOOL.APP.out (Dredd's console output), measurements.tsv (tool, app, run, wall s, peak RSS KiB,
               exit code, requests seen in the app's access log), tools.tsv (tool id, column title)
  HEADER_FILE  Markdown printed before the tables (machine, versions, commands)
Prints the report to stdout. Exit: 0 when apictl found every planted defect and nothing on the conforming twin;
1 otherwise (Dredd's misses are results, not failures); 2 when a result file is missing or malformed.
"""

import collections
import json
import re
import statistics
import sys
import xml.etree.ElementTree as ET

APPS = ("defective", "conforming")

# Dredd reports a failure as message lines ("statusCode: ...", "headers: At ...", "body: At ..."). A planted
# defect counts as found by Dredd when a line of its kind appears in the failure of a transaction of its
# operation on the defective app and not in the same transaction's failure on the conforming twin: a line the
# twin gets too comes from Dredd's request or its reading of the contract, not from the planted defect.
DREDD_LINE_KIND = {
    "server-error": r"^statusCode: .*but got '5\d\d'",
    "response-status-undocumented": r"^statusCode: .*but got '[1-4]\d\d'",
    "response-content-type-undocumented": r"(?i)content-type|media type",
    "response-body-schema": r"^body: ",
    "response-body-invalid-json": r"^body: ",
    "response-body-missing": r"^body: ",
    "response-body-undocumented": r"^body: ",
    "response-header-missing": r"(?i)^headers: (?!.*content-type)",
    "response-header-schema": r"(?i)^headers: (?!.*content-type)",
    "no-response": r".",
}


def fail(message):
    print(f"contract_test_report: error: {message}", file=sys.stderr)
    sys.exit(2)


def read_expected(path):
    planted = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        check, operation = line.split("\t")
        planted.append((check, operation))
    return planted


def read_apictl(path):
    try:
        return json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError) as error:
        fail(f"{path}: {error}")


def read_dredd(path):
    """Dredd's xunit report: {transaction name: [message lines]} of the failed ones, and the counts."""
    try:
        suite = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        fail(f"{path}: {error}")
    failed = {}
    for case in suite.iter("testcase"):
        for problem in list(case.findall("failure")) + list(case.findall("error")):
            text = problem.text or problem.get("message") or ""
            message = text.split("\n\nRequest:", 1)[0]
            lines = [l.strip() for l in message.splitlines() if l.strip() and l.strip() != "Message:"]
            failed.setdefault(case.get("name"), []).extend(lines)
    counts = {k: int(suite.get(k, "0")) for k in ("tests", "failures", "errors", "skip")}
    return failed, counts


def operation_regex(operation):
    """'GET /items/{itemId}' -> a regex over Dredd's transaction names ('GET (200) /items/2')."""
    method, template = operation.split(" ", 1)
    parts = [re.escape(p) if not p.startswith("{") else "[^/?]+" for p in template.split("/")]
    return re.compile(rf"^{re.escape(method)} \(\d+\) {'/'.join(parts)}(\?.*)?$")


def dredd_evidence(check, operation, defective, conforming):
    """The message lines that show the planted defect, or [] when Dredd did not find it."""
    name_re = operation_regex(operation)
    kind_re = re.compile(DREDD_LINE_KIND.get(check, r"."))
    evidence = []
    for name, lines in defective.items():
        if not name_re.match(name):
            continue
        twin = set(conforming.get(name, []))
        evidence += [f"{name}: {l}" for l in lines if kind_re.search(l) and l not in twin]
    return evidence


def dredd_warnings(out_path):
    """The contract keys Dredd's OpenAPI 3 parser said it ignores ('unsupported key', 'invalid key')."""
    keys = collections.OrderedDict()
    try:
        text = open(out_path, encoding="utf-8", errors="replace").read()
    except OSError:
        return [], []
    for obj, kind, key in re.findall(r"'([A-Za-z ]+) Object' contains (unsupported|invalid) key '([^']+)'", text):
        keys.setdefault(f"{key} ({obj}{', invalid' if kind == 'invalid' else ''})", None)
    refused = re.findall(r"(?m)^error: .*$", text)
    return list(keys), refused


def md(text):
    return str(text).replace("|", "\\|")


def main():
    if len(sys.argv) != 4:
        fail("usage: contract_test_report.py EXPECTED RESULTS_DIR HEADER_FILE")
    expected_path, results, header_path = sys.argv[1:]
    planted = read_expected(expected_path)
    tools = [line.rstrip("\n").split("\t") for line in open(f"{results}/tools.tsv", encoding="utf-8") if line.strip()]
    measured = collections.defaultdict(list)
    for line in open(f"{results}/measurements.tsv", encoding="utf-8"):
        tool, app, _run, wall, rss, rc, requests = line.rstrip("\n").split("\t")
        measured[(tool, app)].append((float(wall), int(rss), int(rc), int(requests)))

    apictl = {app: read_apictl(f"{results}/apictl.{app}.json") for app in APPS}
    dredd = {(tool, app): read_dredd(f"{results}/{tool}.{app}.xml") for tool, _ in tools[1:] for app in APPS}

    found = {}  # (tool, planted index) -> short evidence or None
    for i, (check, operation) in enumerate(planted):
        hits = [d for d in apictl["defective"]["defects"] if d["check"] == check and d["operation"] == operation]
        found[("apictl", i)] = hits[0]["message"] if hits else None
        for tool, _ in tools[1:]:
            ev = dredd_evidence(check, operation, dredd[(tool, "defective")][0], dredd[(tool, "conforming")][0])
            found[(tool, i)] = ev[0].split(": ", 1)[1] if ev else None

    out = [open(header_path, encoding="utf-8").read().rstrip("\n"), ""]
    warned, refused = dredd_warnings(f"{results}/{tools[1][0]}.defective.out")
    if refused:
        out.append("Dredd reported errors reading the contract: " + "; ".join(f"`{md(r)}`" for r in refused) + "\n")
    else:
        out.append("Dredd read the OpenAPI 3.0.3 contract as it is, with its experimental OpenAPI 3 adapter "
                   "(it did not refuse it)" + (", and warned that it ignores these keys: " +
                                               ", ".join(f"`{md(k)}`" for k in warned) if warned else "") + ".\n")

    titles = [title for _, title in tools]
    out.append("### Planted defects (tests/fixtures/contract_test/expected_defects.txt)\n")
    out.append("| planted defect | operation | " + " | ".join(titles) + " |")
    out.append("| --- | --- |" + " --- |" * len(tools))
    for i, (check, operation) in enumerate(planted):
        cells = []
        for tool, _ in tools:
            evidence = found[(tool, i)]
            cells.append(f"found: {md(evidence)}" if evidence else "**missed**")
        out.append(f"| `{check}` | `{operation}` | " + " | ".join(cells) + " |")
    totals = [sum(1 for i in range(len(planted)) if found[(tool, i)]) for tool, _ in tools]
    out.append("| **found** | | " + " | ".join(f"**{t} of {len(planted)}**" for t in totals) + " |")
    out.append("")
    out.append("apictl finds a defect when its report has that check on that operation. Dredd finds it when one of "
               "its failures on the defective app, for a transaction of that operation, has a message line of the "
               "defect's kind (status, content type, body, header) that the same transaction's failure on the "
               "conforming twin lacks; a line the twin gets too is not caused by the planted defect.\n")

    def med(tool, app, index, fmt):
        values = [m[index] for m in measured[(tool, app)]]
        return fmt(statistics.median(values)) if values else "–"

    def per_app(tool, index, fmt):
        return " / ".join(med(tool, app, index, fmt) for app in APPS)

    def findings(tool, app):
        if tool == "apictl":
            s = apictl[app]["summary"]
            extra = sum(1 for d in apictl[app]["defects"] if (d["check"], d["operation"]) not in planted)
            text = f"{s['defects']} defects"
            if app == "defective":
                text += f" ({extra} not planted)"
            if s.get("requestsOffContract"):
                text += f", {s['requestsOffContract']} requests off the contract"
            return text
        failed, counts = dredd[(tool, app)]
        text = f"{counts['failures']} of {counts['tests']} transactions failed"
        if counts["errors"]:
            text += f", {counts['errors']} errors"
        if counts["skip"]:
            text += f", {counts['skip']} skipped"
        return text

    runs = max(len(v) for v in measured.values())
    out.append("### Totals\n")
    out.append("| | " + " | ".join(titles) + " |")
    out.append("| --- |" + " ---: |" * len(tools))
    out.append("| planted defects found | " + " | ".join(f"{t} of {len(planted)}" for t in totals) + " |")
    out.append("| findings on the defective app | " + " | ".join(findings(t, "defective") for t, _ in tools) + " |")
    out.append("| findings on the conforming twin (false positives) | " +
               " | ".join(findings(t, "conforming") for t, _ in tools) + " |")
    out.append("| requests sent, defective / conforming (the app's access log) | " +
               " | ".join(per_app(t, 3, lambda v: f"{v:.0f}") for t, _ in tools) + " |")
    out.append(f"| wall time (s), defective / conforming (median of {runs}) | " +
               " | ".join(per_app(t, 0, lambda v: f"{v:.2f}") for t, _ in tools) + " |")
    out.append("| peak RSS (MiB), defective / conforming | " +
               " | ".join(per_app(t, 1, lambda v: f"{v / 1024:.0f}") for t, _ in tools) + " |")
    out.append("| exit code, defective / conforming | " +
               " | ".join(per_app(t, 2, lambda v: f"{v:.0f}") for t, _ in tools) + " |")
    out.append("")
    for tool, title in tools[1:]:
        took = []
        for app in APPS:
            try:
                text = open(f"{results}/{tool}.{app}.out", encoding="utf-8", errors="replace").read()
            except OSError:
                text = ""
            m = re.search(r"Tests took (\d+)ms", text)
            took.append(f"{m.group(1)} ms" if m else "–")
        out.append(f"- {title}'s own timer of its transactions ('Tests took'), defective / conforming, run 1: "
                   f"{' / '.join(took)}; the rest of its wall time is Node starting and reading the contract.")
    out.append("")

    out.append("### What each tool reported\n")
    for app in APPS:
        defects = apictl[app]["defects"]
        out.append(f"apictl on the {app} app:" + (" nothing." if not defects else ""))
        for d in defects:
            out.append(f"- `{d['operation']}` {d['check']}: {md(d['message'])} (case: {md(d['case'])})")
        out.append("")
    for tool, title in tools[1:]:
        for app in APPS:
            failed, _ = dredd[(tool, app)]
            out.append(f"{title} on the {app} app:" + (" nothing." if not failed else ""))
            for name, lines in failed.items():
                out.append(f"- `{name}`: " + "; ".join(md(l) for l in lines))
            out.append("")

    print("\n".join(out).rstrip("\n"))
    ok = totals[0] == len(planted) and apictl["conforming"]["summary"]["defects"] == 0
    if not ok:
        print("contract_test_report: apictl missed a planted defect or reported one on the conforming twin",
              file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
