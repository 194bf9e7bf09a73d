#!/usr/bin/python3
"""Numbers for bench/run.sh.

  report.py median NAME LABEL CONNS WRK_JSON...     -> one results.tsv row
  report.py slap NAME LABEL CONC N SLAP_OUTPUT...   -> one results.tsv row
  report.py table OUTDIR                            -> the Markdown report

results.tsv columns: name, label, conns, req/s, p50 ms, p99 ms, non-2xx,
socket errors, req/s of every run. The row of a measurement is the run with
the median req/s (its latencies, not a mix of runs).
"""

import json
import re
import statistics
import sys
from pathlib import Path

COLS = ["name", "label", "conns", "rps", "p50_ms", "p99_ms", "non2xx", "errors", "runs"]


def row(*values) -> str:
    return "\t".join(str(v) for v in values)


def median_run(runs):
    ordered = sorted(runs, key=lambda r: r["rps"])
    return ordered[(len(ordered) - 1) // 2]


def cmd_median(name, label, conns, *files):
    runs = []
    for f in files:
        try:
            d = json.loads(Path(f).read_text())
        except (OSError, ValueError):
            continue  # wrk died: no JSON
        secs = d["duration_us"] / 1e6 or 1
        runs.append({
            "rps": d["requests"] / secs,
            "p50": d["p50_us"] / 1000, "p99": d["p99_us"] / 1000,
            "non2xx": d["non2xx"],
            "errors": d["connect"] + d["read"] + d["write"] + d["timeout"],
        })
    if not runs:
        print(row(name, label, conns, "nan", "nan", "nan", "nan", "nan", "failed"))
        return
    m = median_run(runs)
    print(row(name, label, conns, f"{m['rps']:.0f}", f"{m['p50']:.2f}", f"{m['p99']:.2f}",
              m["non2xx"], m["errors"], ",".join(f"{r['rps']:.0f}" for r in runs)))


def cmd_slap(name, label, conc, n, *files):
    runs = []
    for f in files:
        text = Path(f).read_text(errors="replace")
        m = re.search(r"Average number of seconds to run all queries:\s*([\d.]+)", text)
        if m and float(m.group(1)) > 0:
            runs.append({"rps": int(n) / float(m.group(1))})
        else:
            sys.stderr.write(f"mariadb-slap output without a timing ({f}):\n{text[-500:]}\n")
    if not runs:
        print(row(name, label, conc, "nan", "-", "-", "-", "-", "failed"))
        return
    m = median_run(runs)
    print(row(name, label, conc, f"{m['rps']:.0f}", "-", "-", "-", "-",
              ",".join(f"{r['rps']:.0f}" for r in runs)))


def fnum(v):
    try:
        return float(v)
    except ValueError:
        return float("nan")


def cmd_table(outdir):
    out = Path(outdir)
    results = []
    for line in (out / "results.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) == len(COLS):
            results.append(dict(zip(COLS, parts)))
    lines = ["| scenario | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | runs (req/s) |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        lines.append(f"| {r['label']} (`{r['name']}`) | {r['conns']} | {r['rps']} | {r['p50_ms']} "
                     f"| {r['p99_ms']} | {r['non2xx']} | {r['errors']} | {r['runs']} |")
    by = {(r["name"], r["conns"]): r for r in results}
    ratios = []
    rfile = out / "ratios.tsv"
    if rfile.exists():
        for line in rfile.read_text().splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                ratios.append(parts)
    rl = ["| ratio | conns | value |", "|---|---:|---:|"]
    for label, num, den in ratios:
        for (n, c), r in by.items():
            if n != num:
                continue
            d = by.get((den, c))
            if d is None:
                # a baseline measured at one concurrency only (e.g. slap)
                ds = [x for (dn, _), x in by.items() if dn == den]
                d = ds[0] if len(ds) == 1 else None
            if d is None:
                continue
            a, b = fnum(r["rps"]), fnum(d["rps"])
            value = f"{a / b:.2f}×" if b and b == b and a == a else "n/a"
            rl.append(f"| {label} | {c} | {value} |")
    print("\n".join(lines))
    if len(rl) > 2:
        print()
        print("\n".join(rl))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    {"median": cmd_median, "slap": cmd_slap, "table": cmd_table}[cmd](*args)


if __name__ == "__main__":
    main(sys.argv)
