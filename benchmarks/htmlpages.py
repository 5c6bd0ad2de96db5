"""Time the HTML reduction (``loaders/html.py``) against an earlier version of it, and check that
both give the same text on ordinary pages.

``python benchmarks/htmlpages.py [--old REV] [--seeds DIR] [--notices DIR] [--depth N] [--cut S]``

Pages timed:

* the HTML test fixtures (``tests/loaders/fixtures/text/*.html``);
* every ``.txt``/``.md`` file of ``--seeds`` and ``--notices`` wrapped in a page with the usual
  furniture (head, script, header, menu, breadcrumb, share bar, footer): HTML copies made at run
  time, never stored;
* ``--depth`` nested ``<div>`` levels, and as many levels of ``<div><span>`` pairs with a line of
  text at each level (about 1.4 MB at the default 20,000).

The old version is read from git (``git show REV:loaders/html.py``, by default the commit before
``html.py`` moved to selectolax) and needs ``beautifulsoup4`` installed; a run of the old version
longer than ``--cut`` seconds is stopped (in a child process) and reported as ``>S``. Prints one
row per page set: seconds old, seconds new, ratio, and whether the texts are equal. Timing only:
nothing here is a test.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing as mp
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OLD_REV = "a56db74"  # the last commit whose html.py walked a BeautifulSoup tree


def old_module(rev: str) -> types.ModuleType | None:
    """``loaders/html.py`` as it was at ``rev``, or None when git or BeautifulSoup is missing."""
    try:
        code = subprocess.run(["git", "show", f"{rev}:loaders/html.py"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout
        module = types.ModuleType("old_html")
        exec(compile(code, f"{rev}:loaders/html.py", "exec"), module.__dict__)  # noqa: S102
    except (OSError, subprocess.CalledProcessError, ImportError) as err:
        print(f"old version unavailable: {err}", file=sys.stderr)
        return None
    return module


def page(title: str, body: str) -> str:
    """A notice page with the furniture government sites put around the text."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip())
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        "<script>var t = 1;</script><style>p { margin: 0 }</style></head><body>"
        "<header><div class='logo'>门户网站</div></header>"
        "<ul class='menu'><li><a href='/'>首页</a></li><li><a href='/a'>公开</a></li>"
        "<li><a href='/b'>服务</a></li></ul><div class='breadcrumb'>当前位置：首页</div>"
        f"<div class='article'><h1>{html.escape(title)}</h1>{paragraphs}"
        "<table><tr><td>附件</td><td>1.docx</td></tr></table></div>"
        "<div class='share'>分享到</div><footer>版权所有</footer></body></html>"
    )


def nested_divs(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "正文" + "</div>" * depth + "</body></html>"


def nested_pairs(depth: int) -> str:
    pairs = depth // 2
    line = "第{}条 对符合条件的企业，按照实际投入的30%给予最高50万元奖励，每年不超过10家。"
    opening = "".join(f"<div><span>{line.format(i)}" for i in range(pairs))
    return "<html><body>" + opening + "</span></div>" * pairs + "</body></html>"


def page_sets(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    sets = [("test fixtures", [p.read_text("utf-8") for p in
                               sorted((REPO / "tests/loaders/fixtures/text").glob("*.html"))])]
    wrapped = []
    for folder in (args.seeds, args.notices):
        if folder and folder.is_dir():
            for path in sorted(folder.glob("*")):
                if path.suffix in (".txt", ".md"):
                    wrapped.append(page(path.stem, path.read_text("utf-8", errors="replace")))
    if wrapped:
        sets.append((f"{len(wrapped)} documents wrapped in pages", wrapped))
    sets.append((f"{args.depth} nested <div>", [nested_divs(args.depth)]))
    sets.append((f"{args.depth // 2} <div><span> pairs with text", [nested_pairs(args.depth)]))
    return sets


def _run(func: Callable[[str], str], pages: list[str], queue: mp.Queue) -> None:
    start = time.perf_counter()
    texts = [func(p) for p in pages]
    queue.put((time.perf_counter() - start, texts))


def timed(func: Callable[[str], str], pages: list[str], cut: float) -> tuple[float | None, list[str]]:
    """Seconds ``func`` takes over ``pages`` and its texts; (None, []) past ``cut`` seconds."""
    queue: mp.Queue = mp.Queue()
    proc = mp.Process(target=_run, args=(func, pages, queue))
    proc.start()
    try:
        seconds, texts = queue.get(timeout=cut)
    except Exception:  # noqa: BLE001 - queue.Empty: over the cut
        proc.kill()
        return None, []
    finally:
        proc.join()
    return seconds, texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", default=OLD_REV, help="git revision of the old html.py")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--notices", type=Path, default=REPO.parent / "shared" / "govtext" / "shanghai")
    parser.add_argument("--depth", type=int, default=20_000)
    parser.add_argument("--cut", type=float, default=300.0, help="seconds before the old run is stopped")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from policykg.loaders.html import html_to_text

    old = old_module(args.old)
    print(f"{'pages':45} {'kB':>7} {'old s':>9} {'new s':>8} {'ratio':>7}  same text")
    for name, pages in page_sets(args):
        size = sum(len(p.encode()) for p in pages) / 1000
        new_s, new_texts = timed(html_to_text, pages, 600.0)
        old_s, old_texts = timed(old.html_to_text, pages, args.cut) if old else (None, [])
        old_cell = f"{old_s:9.4f}" if old_s is not None else f"{'>' + str(int(args.cut)):>9}"
        ratio = f"{old_s / new_s:7.0f}" if old_s is not None and new_s else f"{'—':>7}"
        same = "—" if not old_texts else ("yes" if old_texts == new_texts else
                                          f"no ({sum(a != b for a, b in zip(old_texts, new_texts, strict=True))} differ)")
        print(f"{name:45} {size:7.0f} {old_cell} {new_s:8.4f} {ratio}  {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
