"""Loading speed per source format: pages per second for PDF, OFD, Word, Markdown and text.

``python benchmarks/formats.py [--repeat N] [--long K] [--json]``

The example corpus (``examples/corpus``) is written in every format with
``examples/make_formats.py`` (in memory), plus one long document: the six texts one after
another, K times (default 4). For each format the script times

* **read**: the file's bytes → ``Source`` (text extraction: PDFium, python-docx, ofdkit,
  markdown-it-py, the text decoder);
* **load**: read plus the parse into records (routing, header, measures), as a build does.

A page is a page of the PDF form of the same document, so every format is measured in the same
unit (Word, Markdown and text have no pages of their own). For PDF the text extraction of
pdfplumber (``extract_text``) is timed too when it is installed, as the reason for the choice
of pypdfium2 (see ``loaders/pdf.py``). Figures are medians of ``--repeat`` runs (default 3);
ratios to plain text are printed at the end. Nothing is written.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from policykg.loaders.route import parse_source  # noqa: E402
from policykg.loaders.source import source_from_bytes  # noqa: E402


def _make_formats():
    sys.path.insert(0, str(HERE.parent / "examples"))
    import make_formats

    return make_formats


def documents(long_copies: int) -> list[tuple[str, list[str]]]:
    """(name, lines) of the six example documents and of one long document made of them."""
    mf = _make_formats()
    docs = [(p.stem, mf.document_lines(p)) for p in mf.corpus_documents()]
    if long_copies:
        joined = [line for _ in range(long_copies) for _, lines in docs for line in lines + [""]]
        docs.append((f"long-x{long_copies}", joined))
    return docs


def files(docs: list[tuple[str, list[str]]]) -> dict[str, list[tuple[str, bytes, int]]]:
    """Format → [(file name, bytes, pages of the PDF form)]."""
    import pypdfium2 as pdfium

    mf = _make_formats()
    out: dict[str, list[tuple[str, bytes, int]]] = {f: [] for f in
                                                     ("txt", "md", "docx", "pdf", "ofd")}
    for name, lines in docs:
        pdf = mf.pdf_bytes(lines)
        document = pdfium.PdfDocument(pdf)
        pages = len(document)
        document.close()
        out["txt"].append((f"{name}.txt", "\n".join(lines).encode("utf-8"), pages))
        out["md"].append((f"{name}.md", mf.markdown_text(lines).encode("utf-8"), pages))
        out["docx"].append((f"{name}.docx", mf.docx_bytes(lines), pages))
        out["pdf"].append((f"{name}.pdf", pdf, pages))
        out["ofd"].append((f"{name}.ofd", mf.ofd_bytes(pdf), pages))
    return out


def _time(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def _plumber(items: list[tuple[str, bytes, int]]):
    try:
        import pdfplumber
    except ImportError:
        return None

    def run() -> None:
        for _, data, _ in items:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
    return run


def measure(by_format: dict[str, list[tuple[str, bytes, int]]], repeat: int) -> list[dict]:
    """One row per format (and subset): pages, seconds and pages/s to read and to load."""
    rows = []
    for fmt, items in by_format.items():
        for subset, chosen in (("corpus", [i for i in items if not i[0].startswith("long")]),
                               ("long", [i for i in items if i[0].startswith("long")])):
            if not chosen:
                continue
            pages = sum(p for _, _, p in chosen)

            def read(chosen=chosen):
                return [source_from_bytes(data, name) for name, data, _ in chosen]

            def load(chosen=chosen):
                for name, data, _ in chosen:
                    parse_source(source_from_bytes(data, name))

            read_s, load_s = _time(read, repeat), _time(load, repeat)
            rows.append({"format": fmt, "documents": subset, "files": len(chosen),
                         "pages": pages, "read_s": round(read_s, 4), "load_s": round(load_s, 4),
                         "read_pages_per_s": round(pages / read_s, 1),
                         "load_pages_per_s": round(pages / load_s, 1)})
            if fmt == "pdf":
                plumber = _plumber(chosen)
                if plumber is not None:
                    seconds = _time(plumber, repeat)
                    rows.append({"format": "pdf (pdfplumber extract_text)", "documents": subset,
                                 "files": len(chosen), "pages": pages,
                                 "read_s": round(seconds, 4), "load_s": None,
                                 "read_pages_per_s": round(pages / seconds, 1),
                                 "load_pages_per_s": None})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (median)")
    parser.add_argument("--long", type=int, default=4,
                        help="copies of the corpus in the long document (0: none)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = measure(files(documents(args.long)), max(1, args.repeat))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| format | documents | files | pages | read s | read pages/s | load s | load pages/s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        load = "—" if r["load_s"] is None else f"{r['load_s']}"
        load_rate = "—" if r["load_pages_per_s"] is None else f"{r['load_pages_per_s']}"
        print(f"| {r['format']} | {r['documents']} | {r['files']} | {r['pages']} | "
              f"{r['read_s']} | {r['read_pages_per_s']} | {load} | {load_rate} |")
    text = {r["documents"]: r for r in rows if r["format"] == "txt"}
    print()
    for r in rows:
        base = text.get(r["documents"])
        if base and r["load_s"] and r["format"] != "txt":
            print(f"{r['format']:>5} {r['documents']:<7} load time / text load time: "
                  f"{r['load_s'] / base['load_s']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
