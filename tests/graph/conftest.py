"""Fixtures for the graph tests: a synthetic official document built by hand (no loader needed)
for the model and the engine; the hand-written mini build and the seed build, each exported once
per session with ``policykg export --format all``, for publishing and exports."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from policykg.cli import main
from policykg.loaders.records import (
    AgencyRef,
    DocRef,
    Measure,
    Money,
    Offer,
    OfficialDocument,
    ProgramRef,
    Quota,
    Ratio,
    Source,
    Span,
)

# A made-up document in the shape of a provincial notice; every fact is synthetic.
SYNTHETIC_TEXT = (
    "测试省人民政府办公厅关于印发测试省支持机器人产业若干措施的通知\n"
    "测府办〔2024〕12号\n"
    "2024年5月6日\n"
    "一、设立奖励。对年度评选的优秀项目，每年不超过5个，每个最高奖励300万元。"
    "（责任单位：测试省科学技术厅）\n"
    "二、发放券。安排总额2000万元的算力券，按实际费用的40%补助，营收超5000万元的企业可申请。"
    "“星火计划”同步实施。（责任单位：测试省虚构事务局）\n"
    "本措施自印发之日起施行，有效期至2026年12月31日。"
    "《测试省旧的机器人扶持办法》（测府办〔2020〕3号）同时废止。\n"
)


def span_of(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def synthetic_document(text: str = SYNTHETIC_TEXT, name: str = "synthetic.txt") -> OfficialDocument:
    """A hand-built record for SYNTHETIC_TEXT or a variant of it (what a loader would return).

    The document number is read from the second line, so variants may change it.
    """
    number = text.splitlines()[1]
    raw = text.encode("utf-8")
    src = Source(path=f"/tmp/{name}", name=name, sha256=hashlib.sha256(raw).hexdigest(),
                 size=len(raw), encoding="utf-8", media_type="text/plain", text=text,
                 script="zh-Hans")
    s = lambda needle, nth=0: span_of(text, needle, nth)  # noqa: E731
    m1_text = text[text.index("一、"):text.index("二、")]
    m2_text = text[text.index("二、"):text.index("本措施")]
    m1 = Measure(
        ordinal=1, span=s(m1_text), heading="设立奖励", heading_span=s("设立奖励"), numbering="一、",
        offers=[Offer(span=s("每个最高奖励300万元"), instrument_class="Reward",
                      max_amount=Money(Decimal("3E+6"), "per_recipient_cap", s("300万元")),
                      max_recipients=Quota(5, s("每年不超过5个"), "PerYear"))],
        responsible=[AgencyRef("测试省科学技术厅", s("测试省科学技术厅"))],
    )
    m2 = Measure(
        ordinal=2, span=s(m2_text), heading="发放券", heading_span=s("发放券"), numbering="二、",
        offers=[Offer(span=s("安排总额2000万元的算力券"), instrument_class="ComputeVoucher",
                      total_budget=Money(Decimal("20000000.00"), "total_budget", s("2000万元")),
                      max_cost_share=Ratio(Decimal("0.40"), "cost_share", s("40%"),
                                           cost_basis="实际费用"),
                      min_threshold=Money(Decimal("50000000"), "threshold", s("5000万元")))],
        responsible=[AgencyRef("测试省虚构事务局", s("测试省虚构事务局"))],
        programs=[ProgramRef("星火计划", s("星火计划"))],
    )
    return OfficialDocument(
        source=src,
        title="测试省支持机器人产业若干措施",
        title_span=s("测试省支持机器人产业若干措施"),
        notice_title="测试省人民政府办公厅关于印发测试省支持机器人产业若干措施的通知",
        notice_title_span=s("测试省人民政府办公厅关于印发测试省支持机器人产业若干措施的通知"),
        number=number, number_span=s(number),
        issuers=[AgencyRef("测试省人民政府办公厅", s("测试省人民政府办公厅"))],
        date_issued=dt.date(2024, 5, 6), date_span=s("2024年5月6日"),
        valid_until=dt.date(2026, 12, 31) if "有效期至2026年12月31日" in text else None,
        validity_span=s("有效期至2026年12月31日") if "有效期至2026年12月31日" in text else None,
        repeals=[DocRef(s("《测试省旧的机器人扶持办法》（测府办〔2020〕3号）"),
                        title="测试省旧的机器人扶持办法", number="测府办〔2020〕3号")],
        measures=[m1, m2],
    )


@pytest.fixture
def synthetic() -> OfficialDocument:
    return synthetic_document()


# ---------------------------------------------------------------- exported builds

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini.trig"  # read by publish/ and export/ tests


def need_tool(path: str) -> str:
    """The tool's path, or skip (locally) / fail (in CI) when the Debian tool is missing."""
    found = shutil.which(path) or (path if Path(path).exists() else None)
    if not found:
        message = f"{path} is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def export(source: Path, fmt: str, out: Path, *extra: str) -> Path:
    """Run ``policykg export`` in-process and assert it succeeded."""
    code = main(["export", str(source), "--format", fmt, "--out", str(out), *extra])
    assert code == 0, f"policykg export --format {fmt} exited {code}"
    return out


@pytest.fixture(scope="session")
def mini_trig() -> Path:
    return MINI


@pytest.fixture(scope="session")
def mini_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything exported from the mini fixture: dumps/, void.ttl, graphs/, explorer.html, site/."""
    out = tmp_path_factory.mktemp("mini") / "all"
    return export(MINI, "all", out, "--endpoint", "http://127.0.0.1:7878/query")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """``policykg build`` of the seed corpus (run once per session)."""
    out = tmp_path_factory.mktemp("seedbuild") / "kg"
    proc = subprocess.run([sys.executable, "-m", "policykg", "build", str(seeds_dir), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    if not (out / "policykg.trig").is_file():
        pytest.fail(f"seed build failed ({proc.returncode}): {proc.stderr[-800:]}")
    return out


@pytest.fixture(scope="session")
def seed_all(tmp_path_factory: pytest.TempPathFactory, seed_build: Path) -> Path:
    out = tmp_path_factory.mktemp("seedexport") / "all"
    return export(seed_build, "all", out)
