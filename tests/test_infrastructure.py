"""The test suite's own rules, checked by running pytest on small suites with this conftest."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import read_tsv

SHARED_FIXTURE = '''
import logging
import pytest

@pytest.fixture(scope="module")
def shared():
    logging.getLogger("bulletin.probe").warning("logged while a shared fixture builds")
    return 1
'''
STATED_FIXTURE = '''
import logging
import pytest
from .helpers import expected_warnings

@pytest.fixture(scope="module")
def shared():
    with expected_warnings("shared fixture"):
        logging.getLogger("bulletin.probe").warning("logged while a shared fixture builds")
    return 1
'''
TEST_IT = "\ndef test_it(shared):\n    assert shared\n"
SUITE = {
    "test_fixture_warns.py": SHARED_FIXTURE + TEST_IT,
    "test_fixture_warns_as_expected.py": SHARED_FIXTURE + "\n@pytest.mark.expect_log_warnings" + TEST_IT,
    "test_fixture_states_its_warning.py": STATED_FIXTURE + TEST_IT,
    "test_call_warns.py": "import logging\n\ndef test_it():\n    logging.getLogger('bulletin.x').warning('oops')\n",
    "test_quiet.py": "import logging\n\ndef test_it():\n    logging.getLogger('bulletin.x').info('progress')\n",
    "test_other_logger.py": "import logging\n\ndef test_it():\n    logging.getLogger('elsewhere').warning('not ours')\n",
}
"""File -> a small test module, run with copies of tests/conftest.py and tests/helpers.py."""
OUTCOMES = {"test_fixture_warns.py": "ERROR", "test_fixture_warns_as_expected.py": "PASSED",
            "test_fixture_states_its_warning.py": "PASSED", "test_call_warns.py": "ERROR", "test_quiet.py": "PASSED",
            "test_other_logger.py": "PASSED"}
"""What each must give: a warning fails the test (in teardown, as ERROR), fixture time included."""


def test_unexpected_log_warnings_fail_even_when_a_module_fixture_logs_them(tmp_path: Path):
    tests = tmp_path / "tests"
    tests.mkdir()
    for support in ("conftest.py", "helpers.py"):
        shutil.copy(Path(__file__).parent / support, tests / support)
    (tests / "__init__.py").write_text("", encoding="utf-8")
    for name, text in SUITE.items():
        (tests / name).write_text(text, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\nmarkers =\n    expect_log_warnings: x\n",
                                         encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "tests"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    errors = set(re.findall(r"(?m)^(?:ERROR|FAILED) tests/(\S+?)::", run.stdout))
    assert {name: "ERROR" if name in errors else "PASSED" for name in SUITE} == OUTCOMES, run.stdout
    assert re.search(rf"\b{len(SUITE)} passed, 2 errors in ", run.stdout), "every test ran"
    assert "setup: logged while a shared fixture builds" in run.stdout


def test_a_malformed_fixture_row_fails_loudly(tmp_path: Path):
    table = tmp_path / "t.tsv"
    table.write_text("# a\tb\tc\nx\ty\n\nx\ty\tz\tone too many\n", encoding="utf-8")
    assert read_tsv(table) == [("x", "y"), ("x", "y", "z", "one too many")]
    with pytest.raises(AssertionError, match=r"t.tsv:4: 4 cells, expected 3"):
        read_tsv(table, columns=3)
