"""Reference fits for Verdant's calibration tests (ModelFitter), made with numpy.polyfit and scipy.optimize.curve_fit.

Run from the project root with a virtualenv that has numpy and scipy:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy scipy
    /tmp/venv/bin/python Tests/Fixtures/calibration/make_calibration_reference.py
It writes reference.json beside this script: the 25 plots (so the Swift test fits exactly the same numbers) and,
for every (form, method), the coefficients and statistics defined as in ModelFit.swift:
  - predictions are the fitted curve on the original AGB scale, not clamped at 0;
  - residual_sd = sqrt(SS_res / (n - 2)), rmse = sqrt(SS_res / n), r2 = 1 - SS_res / SS_tot,
    bias = mean(predicted - observed);
  - loo_rmse: each plot is left out in turn, the same method is refitted on the other n - 1 plots
    (non-linear fits again start from the log fit of those n - 1 plots), the plot is predicted,
    and the root mean square of (prediction - observed) is taken;
  - covariance of (a, b): OLS sigma^2 (X'X)^-1; log fits by the delta method from the log-scale OLS covariance
    (a = e^intercept, so var a = a^2 var intercept, cov(a, b) = a cov(intercept, b)); non-linear least squares
    sigma^2 (J'J)^-1 at the optimum (curve_fit's pcov with absolute_sigma=False).
Verdant itself never runs Python.
"""
import json
import os

import numpy as np
from scipy.optimize import curve_fit

HERE = os.path.dirname(os.path.abspath(__file__))


def make_data():
    rng = np.random.default_rng(20240611)
    n = 25
    x = np.round(rng.uniform(0.22, 0.91, n), 4)
    y = 4.0 * np.exp(3.2 * x) * np.exp(rng.normal(0.0, 0.18, n)) + rng.normal(0.0, 1.5, n)
    y = np.round(np.maximum(y, 0.5), 2)
    ids = ["P%02d" % (i + 1) for i in range(n)]
    return ids, x, y


def straight_line(u, v):
    """OLS v = intercept + slope u with numpy.polyfit: (intercept, slope, covariance of (intercept, slope))."""
    p, unscaled = np.polyfit(u, v, 1, cov="unscaled")
    slope, intercept = p
    residual = v - (intercept + slope * u)
    s2 = (residual @ residual) / (len(u) - 2)
    # polyfit orders (slope, intercept); reorder to (intercept, slope).
    cov = s2 * np.array([[unscaled[1, 1], unscaled[1, 0]], [unscaled[0, 1], unscaled[0, 0]]])
    return intercept, slope, cov


def exp_curve(x, a, b):
    return a * np.exp(b * x)


def exp_jac(x, a, b):
    e = np.exp(b * x)
    return np.column_stack([e, a * x * e])


def power_curve(x, a, b):
    return a * np.power(x, b)


def power_jac(x, a, b):
    p = np.power(x, b)
    return np.column_stack([p, a * p * np.log(x)])


def fit(form, method, x, y):
    """(a, b, covariance of (a, b)) for one form and method."""
    if form == "linear":
        a, b, cov = straight_line(x, y)
        return a, b, cov
    u = x if form == "exp" else np.log(x)
    positive = y > 0
    alpha, beta, log_cov = straight_line(u[positive], np.log(y[positive]))
    a0 = np.exp(alpha)
    if method in ("log-linear least squares", "log-log least squares"):
        g = np.array([[a0, 0.0], [0.0, 1.0]])
        return a0, beta, g @ log_cov @ g.T
    f, jac = (exp_curve, exp_jac) if form == "exp" else (power_curve, power_jac)
    popt, pcov = curve_fit(f, x, y, p0=(a0, beta), jac=jac, method="lm",
                           ftol=1e-15, xtol=1e-15, gtol=1e-15, maxfev=100000)
    return popt[0], popt[1], pcov


def predict(form, a, b, x):
    if form == "linear":
        return a + b * x
    if form == "exp":
        return a * np.exp(b * x)
    return a * np.power(x, b)


def summary(form, method, x, y):
    n = len(x)
    a, b, cov = fit(form, method, x, y)
    predicted = predict(form, a, b, x)
    residual = y - predicted
    ss_res = residual @ residual
    ss_tot = ((y - y.mean()) ** 2).sum()
    loo = []
    for i in range(n):
        keep = np.arange(n) != i
        ai, bi, _ = fit(form, method, x[keep], y[keep])
        loo.append(predict(form, ai, bi, x[i]) - y[i])
    loo = np.array(loo)
    return {
        "form": form,
        "method": method,
        "a": float(a),
        "b": float(b),
        "se_a": float(np.sqrt(cov[0, 0])),
        "se_b": float(np.sqrt(cov[1, 1])),
        "covariance": [[float(cov[0, 0]), float(cov[0, 1])], [float(cov[1, 0]), float(cov[1, 1])]],
        "residual_sd": float(np.sqrt(ss_res / (n - 2))),
        "n": n,
        "r2": float(1 - ss_res / ss_tot),
        "rmse": float(np.sqrt(ss_res / n)),
        "bias": float(np.mean(predicted - y)),
        "loo_rmse": float(np.sqrt(np.mean(loo ** 2))),
    }


def main():
    ids, x, y = make_data()
    fits = [summary(form, method, x, y) for form, method in [
        ("linear", "ordinary least squares"),
        ("exp", "log-linear least squares"),
        ("exp", "non-linear least squares"),
        ("power", "log-log least squares"),
        ("power", "non-linear least squares"),
    ]]
    out = {
        "source": "make_calibration_reference.py: numpy %s polyfit, scipy %s curve_fit (method lm)" % (
            np.__version__, __import__("scipy").__version__),
        "plots": [{"plot_id": i, "x": float(a), "y": float(b)} for i, a, b in zip(ids, x, y)],
        "fits": fits,
    }
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
