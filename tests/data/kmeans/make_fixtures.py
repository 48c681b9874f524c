#!/usr/bin/python3
"""Regenerates the k-means fixtures in this directory from scikit-learn (Debian's python3-sklearn).

    /usr/bin/python3 tests/data/kmeans/make_fixtures.py

lloyd_*      uniform data, given initial centroids, KMeans(algorithm="lloyd", tol=0, max_iter=50):
             einspan must reproduce the labels exactly and the inertia to 1e-9 relative.
empty_*      blobs plus an initial centroid far from every point, so that cluster 3 is empty after
             the first assignment and sklearn re-seeds it from the farthest point.
pp_*         uniform data for the k-means++ quality check: mean inertia of KMeans(init="k-means++",
             n_init=1) over seeds 0..99 (and 0..9), default tol and max_iter.
model_*      the lloyd_* model (lloyd_centroids) applied to 500 new points: predict, transform, score.
weighted_*   lloyd_data from lloyd_init with sample_weight=weighted_weights (5% of them 0), and
             empty_data from empty_init with positive weights (weighted re-seeding; _step_: after the
             first iteration, max_iter=1):
             KMeans(tol=0).fit(X, sample_weight=w), labels exact and inertia to 1e-9 relative.
sparse_*     a TF-IDF-like CSR matrix (its arrays: _data, _indices, _indptr, _shape) from sparse_init,
             unweighted and with sparse_weights; sparse_pp_inertia: mean k-means++ fit inertia, seeds 0..39;
             sparse_data.npz and sparse_data.svm: the matrix as save_npz and dump_svmlight_file write it;
             sparse_model_*: that model on 300 new CSR rows (300 x 400): predict, transform, score.
"""
import pathlib

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

here = pathlib.Path(__file__).resolve().parent


def save(name, array):
    np.save(here / f"{name}.npy", np.ascontiguousarray(array))


def lloyd(prefix, X, init, max_iter):
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, tol=0.0, max_iter=max_iter, algorithm="lloyd")
    km.fit(X)
    save(f"{prefix}_data", X)
    save(f"{prefix}_init", init)
    save(f"{prefix}_labels", km.labels_.astype(np.int64))
    save(f"{prefix}_centroids", km.cluster_centers_)
    save(f"{prefix}_inertia", np.array([km.inertia_]))
    print(prefix, X.shape, "k", init.shape[0], "n_iter", km.n_iter_, "inertia", km.inertia_)


rng = np.random.default_rng(20261123)

# Lloyd agreement: 1000 points in 8-d, 10 centroids picked as distinct data points.
X = rng.random((1000, 8))
lloyd("lloyd", X, X[rng.choice(1000, 10, replace=False)].copy(), max_iter=50)

# Empty cluster: the 4th initial centroid is far away, so nothing is assigned to it at first.
X, _ = make_blobs(n_samples=300, centers=4, n_features=3, cluster_std=1.5, random_state=7)
init = X[[0, 1, 2, 3]].copy()
init[3] = 1000.0
lloyd("empty", X, init, max_iter=20)

# k-means++ quality.
X = rng.random((2000, 6))
inertias = np.array([KMeans(12, init="k-means++", n_init=1, random_state=s, algorithm="lloyd").fit(X).inertia_
                     for s in range(100)])
save("pp_data", X)
save("pp_inertia", np.array([inertias.mean(), inertias[:10].mean()]))
print("pp mean inertia over 100 seeds", inertias.mean(), "over 10", inertias[:10].mean(), "sklearn", sklearn.__version__)

# The fitted lloyd model on new points.
X, init = np.load(here / "lloyd_data.npy"), np.load(here / "lloyd_init.npy")
km = KMeans(n_clusters=10, init=init, n_init=1, tol=0.0, max_iter=50, algorithm="lloyd").fit(X)
assert np.array_equal(km.cluster_centers_, np.load(here / "lloyd_centroids.npy"))
points = rng.random((500, 8))
save("model_points", points)
save("model_labels", km.predict(points).astype(np.int64))
save("model_distances", km.transform(points))
save("model_score", np.array([km.score(points)]))
print("model score", km.score(points))

# Weighted fits from the same starts (sklearn's weighted update, inertia and re-seeding).
w = rng.uniform(0.2, 3.0, 1000)
w[rng.choice(1000, 50, replace=False)] = 0.0
km = KMeans(n_clusters=10, init=init, n_init=1, tol=0.0, max_iter=50, algorithm="lloyd").fit(X, sample_weight=w)
save("weighted_weights", w)
save("weighted_labels", km.labels_.astype(np.int64))
save("weighted_centroids", km.cluster_centers_)
save("weighted_inertia", np.array([km.inertia_]))
print("weighted n_iter", km.n_iter_, "inertia", km.inertia_)
X, init = np.load(here / "empty_data.npy"), np.load(here / "empty_init.npy")
w = rng.uniform(0.5, 2.0, X.shape[0])
km = KMeans(n_clusters=4, init=init, n_init=1, tol=0.0, max_iter=20, algorithm="lloyd").fit(X, sample_weight=w)
save("weighted_empty_weights", w)
save("weighted_empty_labels", km.labels_.astype(np.int64))
save("weighted_empty_centroids", km.cluster_centers_)
save("weighted_empty_inertia", np.array([km.inertia_]))
print("weighted empty n_iter", km.n_iter_, "inertia", km.inertia_)
# The centroids right after the first, re-seeding, iteration (the old cluster loses w x and w).
km = KMeans(n_clusters=4, init=init, n_init=1, tol=0.0, max_iter=1, algorithm="lloyd").fit(X, sample_weight=w)
save("weighted_empty_step_centroids", km.cluster_centers_)

# Sparse (CSR) data, TF-IDF-like: 1500 rows, 400 features, ~4% non-zeros, L2-normalised rows.
import scipy.sparse as sp
X = sp.random(1500, 400, density=0.04, format="csr", random_state=np.random.RandomState(5), dtype=np.float64)
X.data = X.data + 0.1
X = sp.csr_matrix(X.multiply(1.0 / np.sqrt(X.multiply(X).sum(axis=1)).A.clip(1e-12)))
X.sort_indices()
save("sparse_data", X.data)
save("sparse_indices", X.indices.astype(np.int64))
save("sparse_indptr", X.indptr.astype(np.int64))
save("sparse_shape", np.array(X.shape, dtype=np.int64))
init = X[rng.choice(1500, 12, replace=False)].toarray()
save("sparse_init", init)
km = KMeans(n_clusters=12, init=init, n_init=1, tol=0.0, max_iter=40, algorithm="lloyd").fit(X)
save("sparse_labels", km.labels_.astype(np.int64))
save("sparse_centroids", km.cluster_centers_)
save("sparse_inertia", np.array([km.inertia_]))
print("sparse n_iter", km.n_iter_, "inertia", km.inertia_)
w = rng.uniform(0.2, 3.0, 1500)
km = KMeans(n_clusters=12, init=init, n_init=1, tol=0.0, max_iter=40, algorithm="lloyd").fit(X, sample_weight=w)
save("sparse_weights", w)
save("sparse_weighted_labels", km.labels_.astype(np.int64))
save("sparse_weighted_centroids", km.cluster_centers_)
save("sparse_weighted_inertia", np.array([km.inertia_]))
print("sparse weighted n_iter", km.n_iter_, "inertia", km.inertia_)
inertias = np.array([KMeans(12, init="k-means++", n_init=1, random_state=s, algorithm="lloyd").fit(X).inertia_
                     for s in range(40)])
save("sparse_pp_inertia", np.array([inertias.mean()]))
print("sparse k-means++ mean inertia over 40 seeds", inertias.mean())
# The sparse model (sparse_centroids) applied to 300 new sparse rows: predict, transform, score.
km = KMeans(n_clusters=12, init=np.load(here / "sparse_init.npy"), n_init=1, tol=0.0, max_iter=40,
            algorithm="lloyd").fit(X)
Y = sp.random(300, 400, density=0.05, format="csr", random_state=np.random.RandomState(6), dtype=np.float64)
Y.sort_indices()
save("sparse_model_data", Y.data)
save("sparse_model_indices", Y.indices.astype(np.int64))
save("sparse_model_indptr", Y.indptr.astype(np.int64))
save("sparse_model_labels", km.predict(Y).astype(np.int64))
save("sparse_model_distances", km.transform(Y))
save("sparse_model_score", np.array([km.score(Y)]))

# The same matrix as the kmeans program reads it: SciPy's .npz and scikit-learn's svmlight text.
from sklearn.datasets import dump_svmlight_file
sp.save_npz(here / "sparse_data.npz", X, compressed=True)
dump_svmlight_file(X, np.zeros(X.shape[0]), str(here / "sparse_data.svm"), zero_based=False)
