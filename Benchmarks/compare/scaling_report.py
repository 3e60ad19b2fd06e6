"""Summarises the runs of `run.sh --scaling`: how each tool's cost grows with the scene's area and the number
of parcels, relative to the Sentinel-2 tile with 10,000 parcels (or the first run when that one is missing).

    python scaling_report.py --out scaling.md RUN_DIR...
"""
import argparse
import json
import os


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("runs", nargs="+")
    a = p.parse_args()
    rows = []
    for run in a.runs:
        path = os.path.join(run, "results.json")
        if not os.path.exists(path):
            print(f"scaling: no results in {run} (that run failed)")
            continue
        r = json.load(open(path))
        rows.append(r)
    if not rows:
        raise SystemExit("scaling: no run has results")
    base = next((r for r in rows if r["meta"]["size"] == 10980 and r["meta"]["parcels"] == 10000), rows[0])
    bm = base["meta"]
    lines = []
    w = lines.append
    w(f"# Scaling: {rows[0]['meta']['threads']} threads, SCL mask {'on' if rows[0]['meta']['mask'] else 'off'}")
    w("")
    w(f"Growth is relative to {bm['size']} x {bm['size']} cells with {bm['parcels']} parcels: ×cells and ×parcels "
      f"are the input's growth, the tool columns the growth of its wall time (and its absolute wall time). "
      f"others' CPU s: CPU time other processes took during the reported runs; well above 0, that row's "
      f"timings are pessimistic.")
    w("")
    w("| size | cells (M) | parcels | ×cells | ×parcels | verdant s | ×verdant | peer s | ×peer | floor s | ×floor "
      "| verdant ÷ peer | verdant ÷ floor | verdant RSS MiB | peer RSS MiB | agree | others' CPU s |")
    w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")

    def wall(r, tool):
        t = r["results"].get(tool)
        return t["wall_s"] if t and t["exit"] == 0 else None

    def ratio(x, y):
        return f"{x / y:.2f}" if x is not None and y else "-"

    def sec(x):
        return f"{x:.1f}" if x is not None else "-"

    for r in sorted(rows, key=lambda r: (r["meta"]["size"], r["meta"]["parcels"])):
        m = r["meta"]
        v, q, f = wall(r, "verdant"), wall(r, "peer"), wall(r, "floor")
        rss = lambda tool: f"{r['results'][tool]['rss_mib']:.0f}" if r["results"].get(tool) else "-"
        ag = r.get("agreement")
        others = sum(t.get("other_cpu_s", 0.0) for t in r["results"].values() if t)
        w(f"| {m['size']} | {m['size'] ** 2 / 1e6:.0f} | {m['parcels']} | {m['size'] ** 2 / bm['size'] ** 2:.2f} | "
          f"{m['parcels'] / bm['parcels']:.2f} | {sec(v)} | {ratio(v, wall(base, 'verdant'))} | {sec(q)} | "
          f"{ratio(q, wall(base, 'peer'))} | {sec(f)} | {ratio(f, wall(base, 'floor'))} | {ratio(v, q)} | {ratio(v, f)} | "
          f"{rss('verdant')} | {rss('peer')} | {('yes' if ag['ok'] else 'NO') if ag else '-'} | {others:.1f} |")
    text = "\n".join(lines) + "\n"
    with open(a.out, "w") as fh:
        fh.write(text)
    print(text)
    print(f"(written to {a.out})")


if __name__ == "__main__":
    main()
