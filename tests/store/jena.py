"""Test helpers for Apache Jena (Debian ``libapache-jena-java``): its class path, and ARQ run on
a dataset as a real second SPARQL engine.

The jars are run with ``java -cp`` from /usr/share/java. Debian's Jena 4.5 jars relocate Xerces
to the package ``xerces`` but keep its message bundles under ``org/apache/jena/ext/xerces``; the
bundles are copied to where the classes look for them (a small folder put first on the class
path), else Jena fails at start-up. Without java or Jena, a test is skipped (failed under CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from policykg.store.base import Rows, rows_from_json

JARS = Path("/usr/share/java")
RUNNER = Path(__file__).resolve().parent / "RunQueries.java"
# Jena's commands and what they need at run time (Debian package names of the jars).
NEEDED = (
    "jena-shacl", "jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri", "jena-shaded-guava",
    "jena-dboe-base", "jena-dboe-index", "jena-dboe-storage", "jena-dboe-trans-data",
    "jena-dboe-transaction", "jena-tdb", "jena-tdb2", "jena-rdfconnection", "jena-shex",
    "slf4j-api", "slf4j-nop", "commons-cli", "commons-codec", "commons-compress", "commons-io",
    "commons-lang3", "commons-csv", "dexx.collection", "gson", "jackson-core", "jackson-databind",
    "jackson-annotations", "jsonld-java", "titanium-json-ld", "protobuf", "thrift", "httpclient",
    "httpcore", "jakarta.json-api", "guava",
)


def unavailable(reason: str) -> None:
    """Skip the test, or fail it under CI, where Jena must be installed."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def jena_classpath(workdir: Path) -> tuple[str, str]:
    """``(java, class path)`` for Jena; ``workdir`` receives the Xerces message bundles."""
    java = shutil.which("java")
    if java is None or not (JARS / "jena-arq.jar").is_file():
        unavailable("java or Apache Jena (libapache-jena-java) is not installed")
    jars = [JARS / f"{name}.jar" for name in NEEDED if (JARS / f"{name}.jar").is_file()]
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = workdir / "xerces" / name.removeprefix("org/apache/jena/ext/xerces/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return str(java), os.pathsep.join([str(workdir)] + [str(j) for j in jars])


def arq_select(data: Path, queries: Sequence[str], workdir: Path) -> list[Rows]:
    """Run each SELECT query with Jena ARQ on ``data`` (one JVM for all); the answers as rows.

    Jena's dataset has the file's own default graph, not the union of the named graphs."""
    java, classpath = jena_classpath(workdir / "classes")
    files = []
    for i, text in enumerate(queries):
        path = workdir / f"q{i}.rq"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    out = workdir / "answers"
    out.mkdir(exist_ok=True)
    proc = subprocess.run([java, "-cp", classpath, str(RUNNER), str(data), str(out), *files],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise AssertionError(f"Jena ARQ failed: {proc.stderr.strip()[-2000:]}")
    return [rows_from_json(json.loads((out / f"{i}.srj").read_text(encoding="utf-8")), None)
            for i in range(len(queries))]
