"""Parallel builds: each forked worker's garbage collector leaves alone the
objects the worker inherits.

At ``-j N`` Sphinx forks a worker per chunk of pages, from a main process
that holds the whole environment and every resolved page still waiting for
a worker. Each time Python's collector runs a full collection in a worker, it
walks all those inherited objects too, and by writing to their headers it
copies their memory pages. On a corpus of 2,000 terms that was more than
half of what the workers spent writing.

Python's documentation of :func:`gc.freeze` gives the way out for a fork
without an exec: freeze the collector's objects just before the fork, so the
child never collects them. Here the main process unfreezes them as soon as
the fork returns; they come back in the collector's oldest generation, so
objects that were young at a fork wait for the next full collection. Only
the workers, which exit after their chunk, keep them frozen.

The hooks are process-wide (:func:`os.register_at_fork` cannot be undone),
so they act only from the start of a build's reading to its
``build-finished``, for builds with ``modelterms_freeze_before_fork`` on,
and never where something else has frozen objects already. Free-threaded
Python is left alone: there, freezing walks and marks every object, which
would copy the very pages a worker shares.
"""

from __future__ import annotations

import gc
import os
import sysconfig
import weakref
from typing import TYPE_CHECKING

from .config import get_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["end_build", "start_build"]

#: free-threaded builds of Python (3.13t and later)
_NO_GIL = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))

# the builds under way that freeze before a fork
_building: weakref.WeakSet[Sphinx] = weakref.WeakSet()
_hooked = False
_frozen_here = False


def _before_fork() -> None:
    global _frozen_here
    if _building and gc.get_freeze_count() == 0:
        gc.freeze()
        _frozen_here = True


def _after_fork_in_parent() -> None:
    global _frozen_here
    if _frozen_here:
        gc.unfreeze()
        _frozen_here = False


def _after_fork_in_child() -> None:
    # the worker keeps what it inherited frozen for its short life
    global _frozen_here
    _frozen_here = False


def start_build(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``, at the start of every build: freeze before
    this build's forks, if it may fork and the option is on (POSIX only:
    Windows has no fork)."""
    global _hooked
    if app.parallel < 2 or _NO_GIL or not get_config(env).freeze_before_fork:
        return
    if not hasattr(os, "register_at_fork"):
        return
    if not _hooked:
        os.register_at_fork(
            before=_before_fork,
            after_in_parent=_after_fork_in_parent,
            after_in_child=_after_fork_in_child,
        )
        _hooked = True
    _building.add(app)


def end_build(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished`` (first of its handlers): forks after this build
    freeze nothing for it."""
    _building.discard(app)
