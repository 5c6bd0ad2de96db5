"""A small mixed corpus for the scale tests: generated official documents plus the seeds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

CORPUS = REPO / "benchmarks" / "corpus.py"
DUMPS = ("policykg.nt", "policykg.ttl", "policykg.trig", "report.json")


def generate(out: Path, docs: int, seed: int, plain: bool = True) -> Path:
    """Run the corpus generator; return the folder of documents (``plain``: official text files
    ``doc_NNNNNN.txt`` only, dense with offers; else the realistic mix with web pages and news)."""
    subprocess.run([sys.executable, str(CORPUS), "--docs", str(docs), "--seed", str(seed),
                    "--out", str(out), *(["--plain"] if plain else [])], check=True,
                   capture_output=True)
    return out / "docs"


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory) -> Path:
    """36 generated documents and the five seeds in one folder (session-wide, read-only)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    root = tmp_path_factory.mktemp("mixed")
    docs = generate(root / "gen", 36, 11)
    folder = root / "sources"
    shutil.copytree(docs, folder)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    return folder


def same_bytes(a: Path, b: Path, names=DUMPS) -> list[str]:
    """The names of the files that differ between two build folders (empty when all agree)."""
    return [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]


def store_signature(store) -> dict[str, str]:
    """Each named graph of a pyoxigraph store as sorted N-Triples, blank nodes canonically
    relabelled (rdflib.compare), so two stores compare equal when they hold the same quads."""
    from rdflib import BNode, Graph
    from rdflib.compare import to_canonical_graph

    from policykg.graph.build.dump import ntriples_text
    from policykg.graph.build.parallel import dataset_from_store

    out = {}
    for g in dataset_from_store(store).graphs():
        triples = set(g)
        if not triples:
            continue
        if any(isinstance(t, BNode) for tr in triples for t in tr):
            plain = Graph()
            for t in triples:
                plain.add(t)
            triples = set(to_canonical_graph(plain))
        out[str(g.identifier)] = ntriples_text(triples)
    return out
