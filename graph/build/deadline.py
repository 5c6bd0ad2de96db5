"""Per-source work under a deadline, in worker processes that can be ended.

:func:`run_all` calls ``fn(*args)`` for every argument tuple in forked worker processes
(Pebble's process pool) and yields the results in order. A call that runs past ``timeout``
seconds has its worker ended and replaced; a worker that dies (a crash, the kernel's OOM
killer) is replaced too. Either way the call yields a :class:`Stopped` in place of a result
and the others go on, so one stalled source never holds up a build.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

DEFAULT_SOURCE_TIMEOUT = 30.0  # seconds one source may take to load


@dataclass(frozen=True, slots=True)
class Stopped:
    """A call that gave no result: ``stage`` is ``timeout`` (ended at its deadline) or
    ``load`` (its worker process died); ``reason`` is the end of a sentence."""

    stage: str
    reason: str


def check_timeout(timeout: float | None) -> float | None:
    """``timeout`` as seconds (None: no deadline); ValueError unless positive and finite."""
    if timeout is None:
        return None
    value = float(timeout)
    if not 0 < value < float("inf"):
        raise ValueError(f"a source timeout must be a positive number of seconds, not {timeout}")
    return value


def run_all(fn: Callable[..., Any], calls: Sequence[tuple], *, timeout: float | None,
            jobs: int = 1) -> Iterator[Any]:
    """``fn(*call)`` for each call, in order, each in a worker process under ``timeout`` seconds
    (None: no deadline, and with one job the calls run inline); a :class:`Stopped` for a call
    that timed out or whose worker died. ``fn`` and its results must be picklable."""
    timeout = check_timeout(timeout)
    if not calls:
        return
    if timeout is None and jobs <= 1:
        for call in calls:
            yield fn(*call)
        return
    from pebble import ProcessExpired, ProcessPool

    pool = ProcessPool(max_workers=max(1, min(jobs, len(calls))),
                       context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.schedule(fn, args=call, timeout=timeout) for call in calls]
        for future in futures:
            try:
                yield future.result()
            except FutureTimeout:
                yield Stopped("timeout", f"took longer than {timeout:g} s and was stopped")
            except ProcessExpired as err:
                yield Stopped("load", f"could not be loaded: its loader process died ({_death(err)})")
    except BaseException:
        pool.stop()  # Ctrl-C or an error in the parent: end the workers at once
        raise
    finally:
        pool.close()
        pool.join()


def _death(err: Exception) -> str:
    code = getattr(err, "exitcode", None)
    if isinstance(code, int) and code < 0:
        import signal

        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}" if code is not None else str(err)
