"""Reference feature scores for `stats::analysis::extra_trees_scores`.

Prints the mean and standard deviation, over `random_state` 0-29, of scikit-learn's
`ExtraTreesRegressor.feature_importances_` on the three test problems of
crates/stats/src/analysis/trees.rs (`scores_agree_with_scikit_learn`). The cases lie on a Weyl
sequence, x_ij = frac((i + 1) a_j), which the Rust test computes the same way.

Needs Python 3 with numpy and scikit-learn (the values in the test came from scikit-learn 1.9.1):

    python3 -m venv /tmp/sk && /tmp/sk/bin/pip install numpy scikit-learn
    /tmp/sk/bin/python tools/reference/feature_scores.py
"""

import numpy as np
from sklearn.ensemble import ExtraTreesRegressor

A = [0.6180339887498949, 0.41421356237309515, 0.7320508075688772, 0.2360679774997898]


def cases(n, k):
    return np.array([[((i + 1) * A[j]) % 1.0 for j in range(k)] for i in range(n)])


def scores(x, y, max_features, min_samples_leaf, bootstrap, n_estimators=100, seeds=30):
    runs = []
    for seed in range(seeds):
        forest = ExtraTreesRegressor(
            n_estimators=n_estimators,
            max_features=max_features,
            min_samples_leaf=min_samples_leaf,
            bootstrap=bootstrap,
            random_state=seed,
        ).fit(x, y)
        runs.append(forest.feature_importances_)
    runs = np.array(runs)
    return runs.mean(axis=0), runs.std(axis=0)


def main():
    x = cases(600, 3)
    print("A: y = 1{x1 > 0.4}, Workbench defaults", *scores(x, (x[:, 1] > 0.4).astype(float), 1, 1, True))
    x = cases(1000, 3)
    print("B: y = x0 + 2 x1, 50 trees, all inputs", *scores(x, x[:, 0] + 2 * x[:, 1], 3, 1, False, n_estimators=50))
    x = cases(300, 4)
    print("C: y = x0 x3, Workbench defaults", *scores(x, x[:, 0] * x[:, 3], 1, 1, True))


if __name__ == "__main__":
    main()
