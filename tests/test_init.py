"""``bulletin init`` / ``make init`` through real stdin (issue 17 §5)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bulletin.config import load_settings

from .helpers import ROOT
from .test_make import make

ANSWERS = [
    "Sở Khoa học và Công nghệ tỉnh Lai Châu",
    "Lai Châu",
    "sokhcn.laichau.gov.vn",  # not an address: asked again
    "https://sokhcn.laichau.gov.vn/",
    "",  # the default title
    "Định hướng & chính sách; Tin trong nước; Tin {province}",
]


def init(cwd: Path, answers: list[str], *args: str) -> subprocess.CompletedProcess:
    """``bulletin init ARGS`` in ``cwd`` with ``answers`` typed on stdin, one a line."""
    return subprocess.run([sys.executable, "-m", "bulletin", "init", *args], cwd=cwd, capture_output=True,
                          text=True, input="".join(a + "\n" for a in answers), timeout=60)


def test_init_asks_writes_and_make_check_accepts_the_first_issue(tmp_path):
    run = init(tmp_path, ANSWERS, "--config", "so-moi/sources.yaml")
    assert run.returncode == 0, run.stderr
    assert "địa chỉ phải bắt đầu bằng http:// hoặc https://; hãy nhập lại" in run.stdout
    assert "[Điểm tin khoa học công nghệ]" in run.stdout and "[Tin trong nước; Tin Lai Châu]" in run.stdout
    config = tmp_path / "so-moi" / "sources.yaml"
    settings = load_settings(config)
    pub = settings.publication
    assert (pub.department, pub.province, pub.website, pub.title) == (
        "Sở Khoa học và Công nghệ tỉnh Lai Châu", "Lai Châu", "https://sokhcn.laichau.gov.vn/", "Điểm tin khoa học công nghệ")
    assert [(p.tag, p.title, p.role) for p in pub.parts] == [
        ("dinh-huong-chinh-sach", "Định hướng & chính sách", None),
        ("tin-trong-nuoc", "Tin trong nước", "national"), ("tin-lai-chau", "Tin Lai Châu", "local")]
    assert config.read_text(encoding="utf-8").count("\n# ") >= 5, "the configuration explains itself"
    checked = make("check", "N=1", f"CONFIG={config}")
    assert checked.returncode == 0, checked.stderr
    assert "01.md hợp lệ: số 01/" in checked.stderr and "3 tin sẽ in" in checked.stderr


def test_init_never_overwrites_a_configuration(tmp_path):
    config = tmp_path / "sources.yaml"
    config.write_text("# cấu hình đang dùng\n", encoding="utf-8")
    run = init(tmp_path, ANSWERS)
    assert run.returncode == 1
    assert run.stderr.startswith("Lỗi: sources.yaml đã có; lệnh init không ghi đè")
    assert config.read_text(encoding="utf-8") == "# cấu hình đang dùng\n"
    assert not (tmp_path / "issues").exists()


def test_make_init_refuses_in_the_shipped_checkout():
    before = (ROOT / "sources.yaml").read_bytes()
    run = make("init")
    assert run.returncode != 0
    assert run.stderr.splitlines()[-1].startswith("Lỗi: sources.yaml đã có; lệnh init không ghi đè")
    assert (ROOT / "sources.yaml").read_bytes() == before


def test_unanswered_questions_write_nothing(tmp_path):
    run = init(tmp_path, ANSWERS[:2])
    assert run.returncode == 1
    assert "Lỗi: chưa trả lời hết các câu hỏi; chưa tạo tệp nào" in run.stderr
    assert list(tmp_path.iterdir()) == []
