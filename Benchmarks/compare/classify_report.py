"""Builds the classify benchmark's table from one run_classify.sh run's files.

    python classify_report.py --run RUN_DIR --out classify.md --size N --threads T --machine TEXT --verdant TEXT

For each tool (startup, train, train_cv, train4, floor, predict, peer) the fastest successful repetition of
RUN_DIR/TOOL.i.time is reported; scikit-learn's own fit and predict times come from RUN_DIR/peer.i.json (the
fastest of each). The targets of issue 14: prediction at no less than the decode floor's pace (cells/s), and
training in no more time than scikit-learn's fit.
"""
import argparse
import glob
import json
import os
import re

from report import best, fmt_runs, fmt_s

LABELS = {
    "startup": "verdant --version (process start: its libraries loaded and linked)",
    "train": "verdant classify: train, Landsat 4410 samples x 7 features, 100 trees (--folds 0; whole run)",
    "train_cv": "verdant classify: the same with 5-fold grouped cross-validation (6 forests)",
    "train4": "verdant classify: train on blue, green, red, nir (the prediction model; --folds 0)",
    "floor": "GDAL decode floor, all 4 bands (C)",
    "predict": "verdant classify --model: predict the scene (decode, features, 100 trees, COG write)",
    "peer": "peer_classify.py (whole process: samples, 4 fits, read + predict)",
}


def peer_times(run):
    """The fastest fit, 4-feature fit and prediction over the peer's JSON files, or None."""
    runs = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(run, "peer.*.json")))]
    if not runs:
        return None
    fastest = min(runs, key=lambda r: r["read_s"] + r["predict_s"])
    return {"train_s": min(r["train_s"] for r in runs), "train_repeat": sum(r["train_repeat"] for r in runs),
            "train4_s": min(r["train4_s"] for r in runs), "read_s": fastest["read_s"],
            "predict_s": fastest["predict_s"], "classes": fastest["classes"], "cells": fastest["cells"]}


def verdant_classes(run):
    """Each class's share of the mapped area in the last predict log, or None."""
    logs = sorted(glob.glob(os.path.join(run, "predict.*.log")))
    if not logs:
        return None
    mapped = dict((m.group(1), float(m.group(2)))
                  for m in re.finditer(r"^(\S+): mapped ([0-9.]+) ha", open(logs[-1]).read(), re.M))
    total = sum(mapped.values())
    return {k: v / total for k, v in mapped.items()} if total else None


def main():
    p = argparse.ArgumentParser()
    for name in ("run", "out", "machine", "verdant"):
        p.add_argument("--" + name, required=True)
    for name in ("size", "threads"):
        p.add_argument("--" + name, type=int, required=True)
    a = p.parse_args()
    cells = a.size * a.size
    r, runs = {}, {}
    for tool in LABELS:
        r[tool], runs[tool] = best(a.run, tool)
    peer = peer_times(a.run)
    lines = []
    w = lines.append
    w(f"# verdant classify: train on the Landsat 5 scene, predict {a.size} x {a.size} four-band cells, "
      f"{a.threads} threads")
    w("")
    w(f"Machine: {a.machine}. Verdant: {a.verdant}. Fastest of {max(len(v) for v in runs.values())} alternating "
      + (f"runs (scikit-learn's fit: best of {peer['train_repeat']})" if peer else "runs (no peer)")
      + f". cells/s: {cells} cells / wall.")
    w("")
    w("| tool | wall s | CPU s | CPU / wall | peak RSS MiB | cells/s | runs (wall s) | others' CPU s |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for tool, label in LABELS.items():
        t = r[tool]
        if t is None:
            continue
        walls = fmt_runs(runs[tool])
        rate = f"{cells / t['wall_s'] / 1e6:.2f} M" if tool in ("floor", "predict") else ""
        if tool == "peer" and peer:
            rate = f"{cells / (peer['read_s'] + peer['predict_s']) / 1e6:.2f} M (read + predict)"
        w(f"| {label} | {fmt_s(t['wall_s'])} | {fmt_s(t['cpu_s'])} | {t['cpu_s'] / t['wall_s']:.2f} | "
          f"{t['rss_mib']:.0f} | {rate} | {walls} | {t.get('other_cpu_s', 0):.1f} |")
    if peer:
        w(f"| scikit-learn fit, 7 features (n_jobs={a.threads}, in-process) | {fmt_s(peer['train_s'])} | | | | | | |")
        w(f"| scikit-learn fit, 4 features (in-process) | {fmt_s(peer['train4_s'])} | | | | | | |")
        w(f"| scikit-learn predict only (in-process, no read) | {fmt_s(peer['predict_s'])} | | | | "
          f"{cells / peer['predict_s'] / 1e6:.2f} M | | |")
        w(f"| rasterio read of the scene (in the peer) | {fmt_s(peer['read_s'])} | | | | | | |")
    w("")
    targets = {}
    if r["predict"] and r["floor"]:
        pace = r["floor"]["wall_s"] / r["predict"]["wall_s"]
        targets["predict_vs_floor_pace"] = pace
        w(f"- prediction: {cells / r['predict']['wall_s'] / 1e6:.2f} M cells/s = {pace:.3f} x the decode floor's "
          f"{cells / r['floor']['wall_s'] / 1e6:.1f} M cells/s ({fmt_s(r['predict']['wall_s'])} s against "
          f"{fmt_s(r['floor']['wall_s'])} s); target >= the floor's pace: " + ("met" if pace >= 1 else "NOT met"))
    if r["train"] and peer:
        ratio = r["train"]["wall_s"] / peer["train_s"]
        targets["train_vs_sklearn"] = ratio
        w(f"- training: verdant's whole run {fmt_s(r['train']['wall_s'])} s (process start, reading, one forest, "
          f"classifying and writing the Landsat map) = {ratio:.2f} x scikit-learn's fit alone "
          f"({fmt_s(peer['train_s'])} s); target <= scikit-learn's time: " + ("met" if ratio <= 1 else "NOT met"))
        if r["startup"]:
            w(f"- of which the process start: {fmt_s(r['startup']['wall_s'])} s (verdant --version)")
    if r["train4"] and peer:
        w(f"- training on four features: {fmt_s(r['train4']['wall_s'])} s against scikit-learn's "
          f"{fmt_s(peer['train4_s'])} s = {r['train4']['wall_s'] / peer['train4_s']:.2f} x")
    if r["predict"] and peer:
        total = peer["read_s"] + peer["predict_s"]
        targets["predict_vs_sklearn"] = total / r["predict"]["wall_s"]
        w(f"- prediction against scikit-learn: {targets['predict_vs_sklearn']:.2f} x its pace (read + predict "
          f"{fmt_s(total)} s; verdant's run includes the COG write)")
    shares = verdant_classes(a.run)
    if shares and peer:
        n = sum(peer["classes"].values())
        w("- class shares (verdant / scikit-learn, different forests on the same samples): "
          + ", ".join(f"{k} {v:.3f} / {peer['classes'].get(k, 0) / n:.3f}" for k, v in sorted(shares.items())))
    text = "\n".join(lines) + "\n"
    print(text)
    with open(a.out, "w") as fh:
        fh.write(text)
    with open(os.path.join(a.run, "results.json"), "w") as fh:
        json.dump({"best": r, "runs": runs, "peer": peer, "targets": targets}, fh, indent=1)


if __name__ == "__main__":
    main()
