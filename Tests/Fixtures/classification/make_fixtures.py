"""Reference values for Verdant's classification tests (Tests/VerdantCoreTests/Classification/).

Run from the project root with a virtualenv that has numpy and scikit-learn:
    python3 -m venv /tmp/venv-forest && /tmp/venv-forest/bin/pip install numpy scikit-learn
    /tmp/venv-forest/bin/python Tests/Fixtures/classification/make_fixtures.py
It writes reference.json beside this script:
  - olofsson: the worked example of Olofsson et al. (2014, section 5): mapped pixel counts and the sample matrix
    (rows map class = stratum, columns reference class), and the stratified estimates computed here with numpy,
    directly from the paper's equations (written out below, independently of the Swift code): area proportions,
    areas and their standard errors (eqs. 9-11), user's (eqs. 2, 6), producer's (eqs. 3, 7) and overall accuracy
    (eqs. 1, 5), each as float.hex;
  - forest: a synthetic grouped data set (4 classes, 12 'polygons' per class, 25 samples per polygon, 6 features:
    a class mean, a per-polygon offset and per-sample noise, rounded to 3 decimals), folds of whole polygons, and
    the pooled cross-validated accuracy of scikit-learn's RandomForestClassifier(n_estimators=100,
    max_features='sqrt', bootstrap=True) on those folds, averaged over 5 random states, with its spread.
Verdant itself never runs Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier


def olofsson():
    n_pixels = np.array([200000.0, 150000.0, 3200000.0, 6450000.0])
    n = np.array([[66, 0, 5, 4], [0, 55, 8, 12], [1, 0, 153, 11], [2, 1, 9, 313]], dtype=float)
    total = n_pixels.sum()
    w = n_pixels / total
    n_i = n.sum(axis=1)
    share = n / n_i[:, None]  # n_ij / n_i.
    p = w[:, None] * share  # eq. 4
    proportion = p.sum(axis=0)  # eq. 9
    se_proportion = np.sqrt(((w**2)[:, None] * share * (1 - share) / (n_i - 1)[:, None]).sum(axis=0))  # eq. 10
    users = np.diag(share)  # eq. 2
    se_users = np.sqrt(users * (1 - users) / (n_i - 1))  # eq. 6
    producers = np.diag(p) / proportion  # eq. 3
    overall = np.trace(p)  # eq. 1
    se_overall = np.sqrt((w**2 * users * (1 - users) / (n_i - 1)).sum())  # eq. 5
    se_producers = []
    for j in range(4):  # eq. 7
        n_hat_j = (n_pixels / n_i * n[:, j]).sum()
        first = n_pixels[j] ** 2 * (1 - producers[j]) ** 2 * users[j] * (1 - users[j]) / (n_i[j] - 1)
        second = sum(n_pixels[i] ** 2 * share[i, j] * (1 - share[i, j]) / (n_i[i] - 1) for i in range(4) if i != j)
        se_producers.append(np.sqrt((first + producers[j] ** 2 * second) / n_hat_j**2))
    h = lambda a: [float(x).hex() for x in a]
    return {
        "classes": ["deforestation", "forest gain", "stable forest", "stable non-forest"],
        "mapped_pixels": n_pixels.tolist(),
        "map_by_reference": n.tolist(),
        "proportion": h(proportion),
        "proportion_se": h(se_proportion),
        "area": h(total * proportion),
        "area_se": h(total * se_proportion),
        "users": h(users),
        "users_se": h(se_users),
        "producers": h(producers),
        "producers_se": h(se_producers),
        "overall": float(overall).hex(),
        "overall_se": float(se_overall).hex(),
    }


def forest():
    rng = np.random.default_rng(2014)
    classes, polygons, per_polygon, features = 4, 12, 25, 6
    means = rng.normal(0.0, 1.0, size=(classes, features))
    rows, labels, groups = [], [], []
    for c in range(classes):
        for g in range(polygons):
            offset = rng.normal(0.0, 0.6, size=features)
            x = means[c] + offset + rng.normal(0.0, 0.8, size=(per_polygon, features))
            rows.append(x)
            labels += [c] * per_polygon
            groups += [c * polygons + g] * per_polygon
    x = np.round(np.vstack(rows), 3).astype(np.float32)
    y = np.array(labels)
    groups = np.array(groups)
    # Folds of whole polygons: polygon g of each class goes to fold g mod 4.
    folds = np.array([(g % polygons) % 4 for g in groups])
    accuracies = []
    for state in range(5):
        correct = 0
        for k in range(4):
            train, test = folds != k, folds == k
            model = RandomForestClassifier(n_estimators=100, max_features="sqrt", bootstrap=True, random_state=state)
            model.fit(x[train], y[train])
            correct += int((model.predict(x[test]) == y[test]).sum())
        accuracies.append(correct / len(y))
    return {
        "sklearn_version": sklearn.__version__,
        "features": features,
        "values": [float(v) for v in x.ravel()],
        "labels": y.tolist(),
        "groups": groups.tolist(),
        "folds": folds.tolist(),
        "cv_accuracy_mean": float(np.mean(accuracies)),
        "cv_accuracy_min": float(np.min(accuracies)),
        "cv_accuracy_max": float(np.max(accuracies)),
    }


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "reference.json"), "w") as f:
    json.dump({"olofsson": olofsson(), "forest": forest()}, f, indent=1)
    f.write("\n")
