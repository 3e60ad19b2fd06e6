"""Builds the comparison table from one harness run's files (called by run.sh).

    python report.py --run RUN_DIR --out results.md --json results.json [--title ...]

RUN_DIR holds, for each tool (floor, verdant, peer) and each repetition i, TOOL.i.time (the output of
`/usr/bin/time -v`), plus peer.i.timings.json, agreement.json, steps.tsv (name, seconds) and meta.json (written
by run.sh). With several repetitions the fastest (wall) one of each tool is reported.
"""
import argparse
import glob
import json
import os
import re

TOOLS = [("verdant", "verdant estimate"), ("peer", "peer (rasterio + numpy + exactextract)"),
         ("floor", "GDAL decode floor (C)")]


def parse_time(path):
    text = open(path).read()

    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(.+)$", text, re.M)
        if not m:
            raise SystemExit(f"report: no '{name}' in {path}")
        return m.group(1).strip()

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(x) for x in wall.split(":")]
    seconds = 0.0
    for x in parts:
        seconds = seconds * 60 + x
    user = float(field("User time (seconds)"))
    sys_ = float(field("System time (seconds)"))
    rss_kb = int(field("Maximum resident set size (kbytes)"))
    status = int(field("Exit status"))
    out = {"wall_s": seconds, "user_s": user, "sys_s": sys_, "cpu_s": user + sys_, "rss_mib": rss_kb / 1024,
           "exit": status, "involuntary_switches": int(field("Involuntary context switches"))}
    cpu = path[:-len(".time")] + ".cpu"
    if os.path.exists(cpu):  # machine-wide busy and steal milliseconds during the run (written by run.sh)
        busy_ms, steal_ms = (int(x) for x in open(cpu).read().split())
        out["other_cpu_s"] = max(0.0, busy_ms / 1000 - out["cpu_s"])
        out["steal_s"] = steal_ms / 1000
    return out


def best(run, tool):
    runs = []
    for path in sorted(glob.glob(os.path.join(run, f"{tool}.*.time"))):
        rep = path.rsplit(".", 2)[-2]
        t = parse_time(path)
        t["rep"] = rep
        runs.append(t)
    if not runs:
        return None, []
    ok = [r for r in runs if r["exit"] == 0]
    return min(ok or runs, key=lambda r: r["wall_s"]), runs  # the fastest successful run, else a failed one


def fmt_s(x):
    return f"{x:.2f}" if x < 100 else f"{x:.1f}"


def fmt_runs(runs):
    """Every repetition's wall seconds, a failed one marked."""
    return ", ".join(fmt_s(x["wall_s"]) + ("" if x["exit"] == 0 else " (failed)") for x in runs)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--json", required=True)
    a = p.parse_args()
    meta = json.load(open(os.path.join(a.run, "meta.json")))
    results = {}
    all_runs = {}
    for tool, _ in TOOLS:
        results[tool], all_runs[tool] = best(a.run, tool)
    peer, floor = results.get("peer"), results.get("floor")
    lines = []
    w = lines.append
    w(f"# Verdant vs peer vs GDAL decode floor: {meta['size']} x {meta['size']} cells, {meta['parcels']} parcels, "
      f"{meta['threads']} threads, SCL mask {'on' if meta['mask'] else 'off (--no-mask)'}")
    w("")
    w(f"- machine: {meta['machine']}")
    w(f"- verdant: {meta['verdant_version']}")
    w(f"- peer: {meta['peer_versions']}")
    w(f"- system GDAL (verdant, decode floor): {meta['gdal_version']}")
    w(f"- scene: {meta['scene']} ({meta['scene_mib']:.0f} MiB), SCL: {meta['scl'] or '-'}, parcels: {meta['parcels_file']}"
      f" ({meta['parcels_mib']:.1f} MiB)")
    w(f"- repetitions: {meta['repeat']} (fastest successful wall time of each tool shown); page cache warm (inputs read once before timing)")
    w("")
    w("| tool | wall s | CPU s (user+sys) | CPU / wall | peak RSS MiB | wall ÷ peer | wall ÷ floor | CPU ÷ floor |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for tool, label in TOOLS:
        r = results.get(tool)
        if r is None:
            w(f"| {label} | - | - | - | - | - | - | - |")
            continue
        fail = "" if r["exit"] == 0 else f" (exit {r['exit']})"
        vs_peer = f"{r['wall_s'] / peer['wall_s']:.3f}" if peer and peer["wall_s"] > 0 else "-"
        vs_floor = f"{r['wall_s'] / floor['wall_s']:.2f}" if floor and floor["wall_s"] > 0 else "-"
        cpu_floor = f"{r['cpu_s'] / floor['cpu_s']:.2f}" if floor and floor["cpu_s"] > 0 else "-"
        w(f"| {label}{fail} | {fmt_s(r['wall_s'])} | {fmt_s(r['cpu_s'])} | {r['cpu_s'] / max(r['wall_s'], 1e-9):.2f} | "
          f"{r['rss_mib']:.0f} | {vs_peer} | {vs_floor} | {cpu_floor} |")
    w("")
    noisy = []
    for tool, label in TOOLS:
        x = results.get(tool)
        if x and "other_cpu_s" in x:
            noisy.append(f"{tool} {x['other_cpu_s']:.2f} CPU-s by other processes, {x['steal_s']:.2f} s steal, "
                         f"{x['involuntary_switches']} involuntary context switches")
    if noisy:
        w("Machine load during the reported runs (should be near 0; if not, the machine was busy and the figures "
          "are pessimistic): " + "; ".join(noisy) + ".")
        w("")
    timings = os.path.join(a.run, f"peer.{peer['rep']}.timings.json") if peer else None
    if timings and os.path.exists(timings):
        t = json.load(open(timings))
        w(f"Peer phases (inside the process, after Python start-up and imports): rasters (read + NDVI/AGB) "
          f"{t['raster_s']:.2f} s, parcels (read + densify + reproject) {t['parcels_s']:.2f} s, exactextract "
          f"{t['exactextract_s']:.2f} s, CSV {t['write_s']:.2f} s.")
        w("")
    floor_log = os.path.join(a.run, f"floor.{floor['rep']}.log") if floor else None
    if floor_log and os.path.exists(floor_log):
        w("Decode floor: " + open(floor_log).read().strip().splitlines()[-1])
        w("")
    ag_path = os.path.join(a.run, "agreement.json")
    agreement = json.load(open(ag_path)) if os.path.exists(ag_path) else None
    if agreement:
        w(f"Agreement (verdant vs peer, rtol {agreement['rtol']:g}, atol {agreement['atol']:g}): "
          f"{agreement['matched_parcels']} parcels matched by parcel_id, {agreement['only_in_verdant']} only in "
          f"verdant, {agreement['only_in_peer']} only in the peer, {agreement['mismatched_parcels']} with a mismatch: "
          f"**{'agree' if agreement['ok'] else 'DISAGREE'}**")
        w("")
        w("| column | compared | worst relative difference | worst absolute difference | mismatches |")
        w("| --- | ---: | ---: | ---: | ---: |")
        for c, s in agreement["columns"].items():
            w(f"| {c} | {s['compared']} | {s['worst_rel']:.2e} | {s['worst_abs']:.2e} | {s['mismatches']} |")
        w("")
    else:
        w("Agreement: not checked (see the run log).")
        w("")
    steps_path = os.path.join(a.run, "steps.tsv")
    if os.path.exists(steps_path):
        w("Harness steps (wall seconds):")
        w("")
        for line in open(steps_path):
            name, secs = line.rstrip("\n").split("\t")
            w(f"- {name}: {float(secs):.1f} s")
        w("")
    if any(len(v) > 1 for v in all_runs.values()):
        w("All repetitions (wall s): " + "; ".join(
            f"{tool} " + ", ".join(fmt_s(r["wall_s"]) + ("" if r["exit"] == 0 else f" (exit {r['exit']})") for r in runs)
            for tool, runs in all_runs.items() if runs))
        w("")
    w("Commands:")
    w("")
    w("```")
    for k in ("verdant_cmd", "peer_cmd", "floor_cmd"):
        w(meta[k])
    w("```")
    text = "\n".join(lines) + "\n"
    with open(a.out, "w") as fh:
        fh.write(text)
    with open(a.json, "w") as fh:
        json.dump({"meta": meta, "results": results, "agreement": agreement}, fh, indent=1)
    print(text)


if __name__ == "__main__":
    main()
