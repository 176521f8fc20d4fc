"""Shared fixtures: the real project files, a scratch copy of the project, log-warning policing."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bulletin.config import Settings, load_settings

from .helpers import copy_sample_issues

ROOT = Path(__file__).resolve().parents[1]
"""The checkout."""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
"""Readable fixture files next to the tests."""


@pytest.fixture(autouse=True)
def _no_unexpected_log_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """Fail any test during which the library logged a warning it did not ask for.

    Fixture time counts: the setup phase includes building every fixture the test is the first to use,
    module- and session-scoped ones too, so a warning logged while a shared fixture builds fails that test.
    A fixture states the warnings it expects with ``helpers.expected_warnings``.
    """
    caplog.set_level(logging.DEBUG, logger="bulletin")
    yield
    if request.node.get_closest_marker("expect_log_warnings"):
        return
    unexpected = [f"{when}: {r.getMessage()}" for when in ("setup", "call") for r in caplog.get_records(when)
                  if r.levelno >= logging.WARNING and r.name.startswith("bulletin")
                  and not getattr(r, "expected", False)]
    assert not unexpected, f"unexpected log warnings: {unexpected}"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The shipped ``sources.yaml``."""
    return load_settings(ROOT / "sources.yaml")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of the project (settings, templates, issues) as the working directory."""
    for name in ("sources.yaml",):
        shutil.copy(ROOT / name, tmp_path / name)
    copy_sample_issues(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path
