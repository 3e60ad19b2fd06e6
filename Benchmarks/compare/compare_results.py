"""Checks that Verdant's and the peer's per-parcel figures agree.

    python compare_results.py VERDANT.csv PEER.csv [--rtol 1e-6] [--json OUT.json] [--key parcel_id,date]

Parcels are matched by parcel_id and columns by name (so added columns do not matter). For observed_ha,
mean_ndvi and agb_t two values agree when |a - b| <= max(rtol * max(|a|, |b|), atol) with atol = 1e-9 (ha, NDVI
or t): the absolute floor only matters for values near 0, e.g. a sliver of a parcel on the scene's edge. An
empty cell (no observed area, so no mean NDVI) agrees only with an empty cell. Prints a summary; exits 1 when a
parcel is missing on one side or any value disagrees. --key names the columns that identify a row (default
parcel_id; parcel_id,date for the long tables of a time series, one row per parcel and date).
"""
import argparse
import csv
import json
import math
import sys

COLUMNS = ["observed_ha", "mean_ndvi", "agb_t"]
ATOL = 1e-9


def load(path, key=("parcel_id",)):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return {}, []
    missing = [c for c in list(key) + COLUMNS if c not in rows[0]]
    if missing:
        raise SystemExit(f"compare: {path} has no column {', '.join(missing)} (columns: {', '.join(rows[0])})")
    out = {}
    for r in rows:
        k = " ".join(r[c] for c in key)
        if k in out:
            raise SystemExit(f"compare: {'/'.join(key)} {k} twice in {path}")
        out[k] = r
    return out, list(rows[0])


def value(text):
    text = (text or "").strip()
    if text == "" or text.lower() in ("nan", "null", "none"):
        return None
    v = float(text)
    return None if math.isnan(v) else v


def main():
    p = argparse.ArgumentParser()
    p.add_argument("verdant")
    p.add_argument("peer")
    p.add_argument("--rtol", type=float, default=1e-6)
    p.add_argument("--json")
    p.add_argument("--key", default="parcel_id", help="comma-separated columns identifying a row")
    a = p.parse_args()
    key = tuple(a.key.split(","))
    v, vcols = load(a.verdant, key)
    q, _ = load(a.peer, key)
    only_v = sorted(set(v) - set(q))
    only_q = sorted(set(q) - set(v))
    common = sorted(set(v) & set(q))
    stats = {}
    mismatched_parcels = set()
    for c in COLUMNS:
        worst_rel, worst_rel_id, worst_abs, bad, empty_bad, compared = 0.0, None, 0.0, 0, 0, 0
        examples = []
        for pid in common:
            x, y = value(v[pid][c]), value(q[pid][c])
            if x is None or y is None:
                if (x is None) != (y is None):
                    empty_bad += 1
                    mismatched_parcels.add(pid)
                    if len(examples) < 5:
                        examples.append({"parcel_id": pid, "verdant": v[pid][c], "peer": q[pid][c]})
                continue
            compared += 1
            diff = abs(x - y)
            scale = max(abs(x), abs(y))
            rel = diff / scale if scale > ATOL else 0.0
            worst_abs = max(worst_abs, diff)
            if rel > worst_rel:
                worst_rel, worst_rel_id = rel, pid
            if diff > max(a.rtol * scale, ATOL):
                bad += 1
                mismatched_parcels.add(pid)
                if len(examples) < 5:
                    examples.append({"parcel_id": pid, "verdant": x, "peer": y, "rel": rel})
        stats[c] = {"compared": compared, "worst_rel": worst_rel, "worst_rel_parcel": worst_rel_id,
                    "worst_abs": worst_abs, "mismatches": bad + empty_bad, "empty_mismatches": empty_bad,
                    "examples": examples}
    ok = not only_v and not only_q and not mismatched_parcels
    result = {"rtol": a.rtol, "atol": ATOL, "verdant_parcels": len(v), "peer_parcels": len(q),
              "matched_parcels": len(common), "only_in_verdant": len(only_v), "only_in_peer": len(only_q),
              "mismatched_parcels": len(mismatched_parcels), "columns": stats, "verdant_columns": vcols, "ok": ok}
    print(f"agreement: {len(common)} parcels matched by {'/'.join(key)} ({len(v)} in verdant, {len(q)} in the peer; "
          f"{len(only_v)} only in verdant, {len(only_q)} only in the peer); rtol {a.rtol:g}, atol {ATOL:g}")
    for c in COLUMNS:
        s = stats[c]
        print(f"  {c:12s} worst relative difference {s['worst_rel']:.3e} (parcel {s['worst_rel_parcel']}), "
              f"worst absolute {s['worst_abs']:.3e}, mismatches {s['mismatches']}"
              + (f" ({s['empty_mismatches']} empty on one side only)" if s["empty_mismatches"] else ""))
        for e in s["examples"]:
            print(f"      e.g. {e}")
    print("  result: " + ("AGREE" if ok else f"DISAGREE ({len(mismatched_parcels)} parcels with a mismatch)"))
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(result, fh, indent=1)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
