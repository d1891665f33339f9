"""Branch coverage of the domain and API code, measured by SlipCover and printed by `make test` (`--coverage`).

Loaded as a plugin (`-p tests.coverage`, pyproject.toml) so that its hook runs before pytest-django sets Django up:
the modules measured must be imported after the instrumentation starts. What is measured and the floor are in
pyproject.toml's [tool.slipcover] (source, omit, exclude-also, fail-under).

Why SlipCover and not coverage.py: on Python 3.11, coverage.py traces with sys.settrace, which calls its tracer on
every line of every frame, measured or not (Django, DRF, hypothesis...): the suite took 484 s with it against 357 s
without (2026-12-01, `make test`). SlipCover rewrites the bytecode of the measured modules only, and removes each
probe once it has fired: the same run takes about as long as without coverage. (Python 3.12's sys.monitoring would
let coverage.py do the same; the project runs on 3.11.)

Under pytest-xdist each worker measures its own tests and hands its figures to the main process through xdist's
`workeroutput`; the main process, which runs no test, measures nothing and adds them up.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IS_WORKER = "PYTEST_XDIST_WORKER" in os.environ  # set by xdist before the worker's configuration is read


def pytest_addoption(parser):
    parser.addoption(
        "--coverage",
        action="store_true",
        help="measure the branch coverage of [tool.slipcover] source (SlipCover), print it, fail under its floor",
    )


def _settings():
    from slipcover.config import read_config

    settings = read_config(ROOT / "pyproject.toml")
    return {
        "source": [str(ROOT / name) for name in settings["source"]],
        "omit": settings.get("omit", []),
        "exclude_also": settings.get("exclude-also", []),
        "fail_under": float(settings.get("fail-under", 0)),
    }


class Measure:
    """The instrumentation of one process, and the figures of every process added up (in the main one)."""

    def __init__(self, *, instrument):
        import slipcover

        self.settings = _settings()
        self.is_worker = IS_WORKER
        self.merged = None
        self.sci = None
        if instrument:
            self.sci = slipcover.Slipcover(
                branch=True,
                source=self.settings["source"],
                omit=self.settings["omit"],
                exclude_also=self.settings["exclude_also"],
            )
            matcher = slipcover.FileMatcher(sources=self.settings["source"], omit=self.settings["omit"])
            self.imports = slipcover.ImportManager(self.sci, matcher).__enter__()

    def add(self, coverage):
        import slipcover

        if self.merged is None:
            self.merged = coverage
        else:
            slipcover.merge_coverage(self.merged, coverage)

    # Worker: its figures travel to the main process with the worker's end.
    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        if self.is_worker and self.sci is not None:
            session.config.workeroutput["slipcover"] = json.dumps(self.sci.get_coverage())  # plain data for execnet

    # Main process: each worker's figures as it ends.
    def pytest_testnodedown(self, node, error):
        coverage = getattr(node, "workeroutput", {}).get("slipcover")
        if coverage is not None:
            self.add(json.loads(coverage))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session):
        result = yield
        if self.is_worker or session.config.option.collectonly:
            return result
        if self.sci is not None:  # tests ran in this process (no xdist)
            self.add(self.sci.get_coverage())
        # Under the floor, or no figures at all (a worker lost): the exit status of failed tests.
        if self.merged is None or self.total < self.settings["fail_under"]:
            session.testsfailed += 1
        return result

    @property
    def total(self):
        return self.merged["summary"]["percent_covered"]

    def pytest_terminal_summary(self, terminalreporter):
        if self.is_worker or terminalreporter.config.option.collectonly:
            return
        write = terminalreporter.write_line
        terminalreporter.section("branch coverage (SlipCover): domain and API code")
        if self.merged is None:
            write("No coverage figures came back from the tests.", red=True)
            return
        import io

        import slipcover

        table = io.StringIO()
        slipcover.print_coverage(self.merged, outfile=table, skip_covered=True, missing_width=100)
        for line in table.getvalue().splitlines():
            write(line)
        floor = self.settings["fail_under"]
        if self.total < floor:
            write(f"FAIL: the coverage is {self.total:.2f} %, under the floor of {floor:g} %.", red=True, bold=True)
        else:
            write(f"Coverage {self.total:.2f} % (lines and branches), floor {floor:g} %.", green=True)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """Before pytest-django's own hook imports the apps (django.setup())."""
    options = early_config.known_args_namespace
    if not getattr(options, "coverage", False) or getattr(options, "help", False):
        return
    has_workers = bool(getattr(options, "numprocesses", None)) and not IS_WORKER
    measure = Measure(instrument=not has_workers)
    early_config.pluginmanager.register(measure, "convene-coverage")
    if measure.sci is not None:
        sources = tuple(source + os.sep for source in measure.settings["source"])
        already = sorted(
            name
            for name, module in list(sys.modules.items())
            if (getattr(module, "__file__", None) or "").startswith(sources)
        )
        if already:
            raise pytest.UsageError(f"--coverage: imported before the measure started, so not measured: {already}")
