"""Per-source work under a deadline, in worker processes that can be ended.

:func:`run_all` calls ``fn(*args)`` for every argument tuple in forked worker processes
(Pebble's process pool) and yields the results in order. A call that runs past ``timeout``
seconds has its worker ended and replaced; a worker that dies (a crash, the kernel's OOM
killer) is replaced too. Either way the call yields a :class:`Stopped` in place of a result
and the others go on, so one stalled source never holds up a build.

:func:`run_forked` does the same for one call with a bare ``os.fork``: it is what a Dask worker
uses, because a Dask worker is a daemonic process, which ``multiprocessing`` (and so Pebble)
may not give children.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import select
import signal
import time
import warnings
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


def run_forked(fn: Callable[..., Any], args: tuple, timeout: float) -> Any:
    """``fn(*args)`` in a forked child process under ``timeout`` seconds; its result, or a
    :class:`Stopped` when the child ran past the deadline (it is killed) or died.

    The child sends its pickled result through a pipe and leaves with ``os._exit`` (no atexit
    handler of the parent runs twice). An exception in ``fn`` is raised again here. Meant for a
    process that cannot use ``multiprocessing`` children (a Dask worker); the child only runs
    ``fn``, and a child that hangs on a lock another thread held at the fork is ended at the
    deadline like any stalled call."""
    timeout = check_timeout(timeout)
    if timeout is None:
        return fn(*args)
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():  # "multi-threaded, fork() may deadlock": see the docstring
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            try:
                payload = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as err:  # noqa: BLE001 - handed to the parent
                payload = pickle.dumps((False, _picklable(err)))
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view):]
        except BaseException:  # noqa: BLE001 - nothing can be reported: die with a code
            code = 70
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    end = time.monotonic() + timeout
    try:
        while True:
            left = end - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                return Stopped("timeout", f"took longer than {timeout:g} s and was stopped")
            ready, _, _ = select.select([read_end], [], [], left)
            if ready:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # Ctrl-C or an error here: the child goes too
        raise
    finally:
        os.close(read_end)
        status = os.waitpid(pid, 0)[1]
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not chunks:
        return Stopped("load", "could not be loaded: its loader process died "
                               f"({_death(_Exited(code))})")
    ok, value = pickle.loads(b"".join(chunks))
    if not ok:
        raise value
    return value


class _Exited(Exception):
    """How a forked child ended (its exit code, negative for a signal)."""

    def __init__(self, exitcode: int) -> None:
        super().__init__(f"exit code {exitcode}")
        self.exitcode = exitcode


def _picklable(err: BaseException) -> BaseException:
    """``err`` if it pickles, else a RuntimeError with its type and message."""
    try:
        pickle.dumps(err)
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def _death(err: Exception) -> str:
    code = getattr(err, "exitcode", None)
    if isinstance(code, int) and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}" if code is not None else str(err)
