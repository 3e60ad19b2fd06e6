"""Reference values for Verdant's time-series statistics tests (Tests/VerdantCoreTests/TimeSeries/), made with
numpy, scipy and pymannkendall.

Run from the project root with a virtualenv that has them:
    python3 -m venv /tmp/venv-stats && /tmp/venv-stats/bin/pip install numpy scipy pymannkendall
    /tmp/venv-stats/bin/python Tests/Fixtures/timeseries/make_fixtures.py
It writes stats.json beside this script. Every number is written as float.hex (NaN as "nan"), so the Swift tests
read exactly the inputs given here and the outputs computed from them:
  - composites: stacks of dates x cells with NaN for clouds, reduced over the dates axis by np.nanmedian,
    np.nanmean, np.nanmin, np.nanmax, np.nanpercentile (default 'linear' method) and np.nanargmax (-1 when a
    cell has no value);
  - theil_sen: scipy.stats.theilslopes(y, x).slope;
  - mann_kendall: pymannkendall.original_test(values): s, var_s, z, p, and erfc(|z|/sqrt 2) by scipy.special
    (pymannkendall's p is 2 (1 - Phi(|z|)), which loses relative accuracy when p is small);
  - harmonic: np.linalg.lstsq on the design [1, cos 2 pi k t, sin 2 pi k t, ...], and sqrt(mean(residual^2)).
The script checks that the fixture discriminates: some cells where numpy's percentile differs from the plain
lerp a + (b - a) f, and some where the median (a + b) / 2 differs from a + (b - a) / 2.
Verdant itself never runs Python.
"""
import json
import math
import os
import warnings

import numpy as np
import pymannkendall
import scipy
import scipy.special
import scipy.stats

HERE = os.path.dirname(os.path.abspath(__file__))
PERCENTILES = [0.0, 10.0, 25.0, 50.0, 90.0, 100.0, 2.5, 33.3]


def h(value):
    return float(value).hex()


def hexes(values):
    return [h(v) for v in values]


def make_stack(rng, dates, cells, cloud):
    stack = rng.uniform(-0.2, 0.95, size=(dates, cells))
    # Ties: a third of the cells quantized to steps of 0.05.
    tied = rng.random(cells) < 1 / 3
    stack[:, tied] = np.round(stack[:, tied] * 20) / 20
    stack[rng.random((dates, cells)) < cloud] = np.nan
    stack[:, 0] = np.nan  # never observed
    stack[:, 1] = np.nan
    stack[dates // 2, 1] = 0.61  # observed once
    stack[:, 2] = np.nan
    stack[[1, dates - 1], 2] = [0.1, 0.7]  # twice: the median is (a + b) / 2
    stack[:, 3] = 0.42  # all equal
    stack[:, 4] = np.linspace(0.9, 0.1, dates)  # falling, no clouds
    return stack


def composite_case(name, stack):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = {
            "median": np.nanmedian(stack, axis=0),
            "mean": np.nanmean(stack, axis=0),
            "min": np.nanmin(stack, axis=0),
            "max": np.nanmax(stack, axis=0),
        }
        for q in PERCENTILES:
            results["p" + format(q, "g")] = np.nanpercentile(stack, q, axis=0)
    # nanmean over axis 0 adds date by date: check that, as the Swift code does the same.
    for c in range(stack.shape[1]):
        column = [v for v in stack[:, c] if not math.isnan(v)]
        if column:
            total = 0.0
            for v in column:
                total += v
            assert (total / len(column)) == results["mean"][c], (name, c)
    argmax = []
    for c in range(stack.shape[1]):
        column = stack[:, c]
        argmax.append(-1 if np.all(np.isnan(column)) else int(np.nanargmax(column)))
    return {
        "name": name,
        "stack": [hexes(row) for row in stack],
        "results": {key: hexes(value) for key, value in results.items()},
        "argmax": argmax,
    }


def discriminating_counts(stack):
    plain_lerp = 0
    plain_mid = 0
    for c in range(stack.shape[1]):
        values = np.sort(stack[:, c][~np.isnan(stack[:, c])])
        n = len(values)
        if n == 0:
            continue
        for q in PERCENTILES:
            virtual = (n - 1) * (q / 100)
            if virtual >= n - 1:
                continue
            below = math.floor(virtual)
            a, b = values[below], values[below + 1]
            if a + (b - a) * (virtual - below) != np.percentile(values, q):
                plain_lerp += 1
        if n % 2 == 0:
            a, b = values[n // 2 - 1], values[n // 2]
            if a + (b - a) / 2 != (a + b) / 2:
                plain_mid += 1
    return plain_lerp, plain_mid


def theil_sen_cases(rng):
    cases = []
    x = np.arange(12.0)
    cases.append((x, 0.3 * x + rng.normal(0, 0.5, 12)))
    x = np.sort(rng.uniform(0, 5, 17))
    cases.append((x, -0.07 * x + rng.normal(0, 0.02, 17)))
    x = np.array([0.0, 0.0, 1.0, 1.0, 2.0, 3.0, 3.0, 3.0, 4.5, 6.0])  # repeated x: those pairs are left out
    cases.append((x, rng.normal(0.5, 0.1, 10)))
    y = 0.01 * np.arange(20.0) + rng.normal(0, 0.001, 20)
    y[[3, 11]] += [2.0, -3.0]  # outliers
    cases.append((np.arange(20.0) / 23, y))
    cases.append((np.array([1.5, 4.0]), np.array([0.2, 0.9])))  # one pair
    x = rng.permutation(np.arange(9.0)) / 3  # x not in order
    cases.append((x, np.round(rng.normal(0, 1, 9), 1)))
    return [{"x": hexes(x), "y": hexes(y), "slope": h(scipy.stats.theilslopes(y, x).slope)} for x, y in cases]


def mann_kendall_cases(rng):
    series = [
        rng.normal(0, 1, 10),
        np.arange(30.0) * 0.01 + rng.normal(0, 0.05, 30),  # rising
        -np.arange(40.0) * 0.02 + rng.normal(0, 0.1, 40),  # falling, small p
        np.round(rng.normal(0, 1, 25), 0),  # many ties
        np.array([1.0, 2.0, 1.0]),  # S = 0
        np.array([3.0, 3.0, 3.0, 4.0]),  # a group of 3 ties
        np.round(np.arange(60.0) * 0.05 + rng.normal(0, 0.4, 60), 1),  # ties and a trend
        np.arange(80.0),  # strictly rising: very small p
    ]
    cases = []
    for values in series:
        result = pymannkendall.original_test(values)
        cases.append({
            "values": hexes(values),
            "s": int(result.s),
            "var_s": h(result.var_s),
            "z": h(result.z),
            "p": h(result.p),
            "p_erfc": h(scipy.special.erfc(abs(result.z) / math.sqrt(2))),
        })
    return cases


def harmonic_cases(rng):
    cases = []

    def add(t, y, k):
        columns = [np.ones_like(t)]
        for j in range(1, k + 1):
            columns += [np.cos(2 * np.pi * j * t), np.sin(2 * np.pi * j * t)]
        design = np.column_stack(columns)
        coefficients, _, rank, _ = np.linalg.lstsq(design, y, rcond=None)
        assert rank == 1 + 2 * k
        rmse = math.sqrt(np.mean((y - design @ coefficients) ** 2))
        cases.append({"t": hexes(t), "y": hexes(y), "harmonics": k, "coefficients": hexes(coefficients),
                      "rmse": h(rmse)})

    t = np.arange(69) / 23 + rng.uniform(0, 0.01, 69)
    y = 0.5 + 0.3 * np.cos(2 * np.pi * t) - 0.1 * np.sin(2 * np.pi * t) + rng.normal(0, 0.03, 69)
    for k in (1, 2, 3):
        add(t, y, k)
    t = 2018 + np.sort(rng.uniform(0, 2.5, 31))  # far from 0, uneven
    y = 0.6 + 0.2 * np.sin(2 * np.pi * t + 0.4) + 0.05 * np.cos(4 * np.pi * t) + rng.normal(0, 0.02, 31)
    add(t, y, 2)
    t = np.sort(rng.uniform(0, 1, 5))  # as many points as coefficients
    add(t, rng.normal(0.4, 0.1, 5), 2)
    t = np.sort(rng.uniform(0.3, 0.6, 12))  # one season only: a badly conditioned design
    add(t, 0.7 - 0.2 * t + rng.normal(0, 0.01, 12), 1)
    return cases


def main():
    rng = np.random.default_rng(20261202)
    stacks = [
        ("nine dates", make_stack(rng, 9, 80, 0.3)),
        ("ten dates", make_stack(rng, 10, 80, 0.25)),
        ("twenty-four dates", make_stack(rng, 24, 40, 0.35)),
    ]
    lerp_total = mid_total = 0
    for _, stack in stacks:
        plain_lerp, plain_mid = discriminating_counts(stack)
        lerp_total += plain_lerp
        mid_total += plain_mid
    print(f"percentiles where the plain lerp differs: {lerp_total}; medians where a + (b - a)/2 differs: "
          f"{mid_total}")
    assert lerp_total > 0 and mid_total > 0
    fixture = {
        "source": f"numpy {np.__version__}, scipy {scipy.__version__}, pymannkendall "
                  f"{pymannkendall.__version__} (Tests/Fixtures/timeseries/make_fixtures.py)",
        "percentiles": PERCENTILES,
        "composites": [composite_case(name, stack) for name, stack in stacks],
        "theil_sen": theil_sen_cases(rng),
        "mann_kendall": mann_kendall_cases(rng),
        "harmonic": harmonic_cases(rng),
    }
    with open(os.path.join(HERE, "stats.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
