"""The build engine: sources → loaders → model → named graphs → store and dumps.

Serial (``serial``), process pool (``parallel``), Dask (``distributed``) and incremental
(``incremental``) builds give byte-identical dumps (``dump``, ``render``, ``dumppatch``).
"""
