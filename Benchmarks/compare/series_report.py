"""Builds the time-series table from one run_series.sh run's files.

    python series_report.py --run RUN_DIR --out series.md --size N --parcels K --dates D --threads T \
        --linked 0|1 --machine TEXT --verdant TEXT

For each tool (floor1: the one-date floor, floor: the floor over every date, series, composite,
composite_zstd, peer_series, peer_composite) the fastest successful repetition of RUN_DIR/TOOL.i.time is reported, with the ratios the issue
sets as targets: series <= 1.2 x D x floor1, composite <= 1.3 x floor, peak RSS <= 512 MB.
"""
import argparse
import json
import os

from report import best, fmt_runs, fmt_s

TOOLS = [("series", "verdant series"), ("composite", "verdant composite --method median"),
         ("composite_zstd", "verdant composite --method median --compress zstd"),
         ("peer_series", "peer_series.py (per-date exactextract)"),
         ("peer_composite", "peer_composite.py (np.nanmedian)"),
         ("floor", "GDAL decode floor, all dates (C)"), ("floor1", "GDAL decode floor, one date (C)")]
MB = 1e6 / 2**20  # 512 MB in MiB: 488.3


def main():
    p = argparse.ArgumentParser()
    for name in ("run", "out", "machine", "verdant"):
        p.add_argument("--" + name, required=True)
    for name in ("size", "parcels", "dates", "threads", "linked"):
        p.add_argument("--" + name, type=int, required=True)
    a = p.parse_args()
    r = {}
    runs = {}
    for tool, _ in TOOLS:
        r[tool], runs[tool] = best(a.run, tool)
    lines = []
    w = lines.append
    w(f"# verdant series / composite: {a.dates} dates of {a.size} x {a.size} cells, {a.parcels} parcels, "
      f"{a.threads} threads")
    w("")
    w(f"Machine: {a.machine}. Verdant: {a.verdant}. Dates: "
      + ("hard links of one scene" if a.linked else f"{a.dates} distinct scenes (make_scene.py --seed 0..{a.dates - 1})")
      + f". Fastest of {max(len(v) for v in runs.values())} alternating runs.")
    w("")
    w("| tool | wall s | CPU s | CPU / wall | peak RSS MiB | runs (wall s) | others' CPU s |")
    w("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for tool, label in TOOLS:
        t = r[tool]
        if t is None:
            continue
        walls = fmt_runs(runs[tool])
        w(f"| {label} | {fmt_s(t['wall_s'])} | {fmt_s(t['cpu_s'])} | {t['cpu_s'] / t['wall_s']:.2f} | "
          f"{t['rss_mib']:.0f} | {walls} | {t.get('other_cpu_s', 0):.1f} |")
    w("")
    targets = {}
    if r["series"] and r["floor1"]:
        bound = 1.2 * a.dates * r["floor1"]["wall_s"]
        targets["series_vs_floor1"] = r["series"]["wall_s"] / (a.dates * r["floor1"]["wall_s"])
        w(f"- series: {fmt_s(r['series']['wall_s'])} s = {targets['series_vs_floor1']:.2f} x ({a.dates} x the one-date "
          f"floor {fmt_s(r['floor1']['wall_s'])} s); target <= 1.2 x, i.e. <= {fmt_s(bound)} s: "
          + ("met" if r["series"]["wall_s"] <= bound else "NOT met"))
    if r["series"] and r["floor"]:
        w(f"- series against the {a.dates}-date floor in one process ({fmt_s(r['floor']['wall_s'])} s): "
          f"{r['series']['wall_s'] / r['floor']['wall_s']:.2f} x")
    if r["composite"] and r["floor"]:
        targets["composite_vs_floor"] = r["composite"]["wall_s"] / r["floor"]["wall_s"]
        w(f"- composite: {fmt_s(r['composite']['wall_s'])} s = {targets['composite_vs_floor']:.2f} x the {a.dates}-date "
          f"floor; target <= 1.3 x: " + ("met" if targets["composite_vs_floor"] <= 1.3 else "NOT met"))
    if r["composite_zstd"] and r["floor"]:
        w(f"- composite with --compress zstd: {fmt_s(r['composite_zstd']['wall_s'])} s = "
          f"{r['composite_zstd']['wall_s'] / r['floor']['wall_s']:.2f} x the {a.dates}-date floor")
    for tool in ("series", "composite", "composite_zstd"):
        if r[tool]:
            w(f"- {tool} peak RSS {r[tool]['rss_mib']:.0f} MiB; target <= 512 MB ({MB * 512:.0f} MiB): "
              + ("met" if r[tool]["rss_mib"] <= 512 * MB else "NOT met"))
    for tool, peer in (("series", "peer_series"), ("composite", "peer_composite")):
        if r[tool] and r[peer]:
            w(f"- {tool} ÷ its peer: {r[tool]['wall_s'] / r[peer]['wall_s']:.2f} (wall), peer RSS "
              f"{r[peer]['rss_mib']:.0f} MiB")
    for name in ("agreement_series.txt", "agreement_composite.txt"):
        path = os.path.join(a.run, name)
        if os.path.exists(path):
            w("")
            w("```")
            w(open(path).read().rstrip())
            w("```")
    text = "\n".join(lines) + "\n"
    print(text)
    with open(a.out, "w") as fh:
        fh.write(text)
    with open(os.path.join(a.run, "results.json"), "w") as fh:
        json.dump({"best": r, "runs": runs, "targets": targets}, fh, indent=1)


if __name__ == "__main__":
    main()
