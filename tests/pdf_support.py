"""Helpers of the PDF tests: synthetic issues, building them, and reading the PDF back.

Reading back uses the real tools: pypdf for structure (outline, metadata, links, images,
attachments) and ``pdftotext`` (poppler-utils) for the text a reader would copy.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

from bulletin.build import Editions, build_issue
from bulletin.config import load_settings
from bulletin.model import Issue
from bulletin.reader import read_issue

from .helpers import make_photo, scratch_project

SENTENCES = (
    "Các đơn vị đã rà soát quy trình và đề xuất những giải pháp cụ thể cho từng khâu.",
    "Nhiều doanh nghiệp nhỏ bắt đầu dùng phần mềm quản lý kho và hóa đơn điện tử.",
    "Kết quả bước đầu cho thấy thời gian xử lý hồ sơ giảm gần một nửa so với năm trước.",
    "Lãnh đạo sở nhấn mạnh yêu cầu bảo đảm an toàn dữ liệu của người dân khi kết nối hệ thống.",
    "Người lao động được bồi dưỡng kỹ năng số ngay tại xưởng, ngoài giờ làm việc.",
    "Chương trình ưu tiên các xã vùng ven biển, nơi hạ tầng viễn thông còn thiếu.",
    "Các nhà khoa học trẻ được hỗ trợ kinh phí để thử nghiệm sản phẩm trong điều kiện thực tế.",
    "Mô hình này sẽ được nhân rộng sau khi tổng kết vào cuối quý ba.",
    "Hội thảo thu hút hơn hai trăm đại biểu đến từ các viện, trường và hiệp hội ngành nghề.",
    "Dữ liệu đất đai được số hóa giúp người dân tra cứu thửa đất của mình trên điện thoại.",
    "Đề án đặt mục tiêu đến năm 2030 có ít nhất năm mươi doanh nghiệp công nghệ số nòng cốt.",
    "Ứng dụng trí tuệ nhân tạo giúp dự báo sản lượng lúa sát với thực tế hơn.",
)
"""Sentences written for the tests (facts loosely after seed 003)."""

TITLES = (
    "Ứng dụng dữ liệu lớn trong quản lý giao thông đô thị",
    "Đẩy mạnh chuyển đổi số trong ngành y tế cơ sở",
    "Hỗ trợ doanh nghiệp nhỏ làm chủ công nghệ lõi",
    "Thúc đẩy thương mại hóa kết quả nghiên cứu khoa học",
    "Xây dựng cơ sở dữ liệu đất đai thống nhất toàn thành phố",
    "Phát triển nguồn nhân lực bán dẫn chất lượng cao",
    "Số hóa hồ sơ lưu trữ về lịch sử Thành phố Cảng",
    "Nông dân ứng dụng máy bay không người lái để gieo sạ",
    "Tăng cường bảo đảm an toàn thông tin cho hệ thống chính quyền số",
    "Kết nối dữ liệu dùng chung giữa các sở, ngành trước ngày 30/6",
    "Đổi mới sáng tạo trong trường học: từ STEM đến trí tuệ nhân tạo",
    "Bảo hộ nhãn hiệu tập thể cho đặc sản địa phương",
    "Thử nghiệm có kiểm soát các mô hình kinh tế số mới",
    "Chính sách ưu đãi thuế cho hoạt động khoa học và công nghệ",
    "Cảng biển ứng dụng công nghệ số để giảm thời gian thông quan",
    "Người cao tuổi được hướng dẫn dùng dịch vụ công trực tuyến",
    "Tổ công nghệ số cộng đồng về từng khu dân cư",
    "Ươm tạo khởi nghiệp sáng tạo gắn với thế mạnh vùng biển",
)
"""Item titles with every kind of Vietnamese diacritic, unique within an issue."""

DAYS = ("27/4", "28/4", "29/4", "30/4", "01/5", "02/5", "03/5")

FRONT = """---
số: 16
năm: 2026
tuần: 27/4/2026 - 03/5/2026
chủ đề: Xã hội số trong kỷ nguyên vươn mình của dân tộc
ảnh bìa: 16/bia.jpg
---

# Tin đã chọn

## Tổng kết xu hướng khoa học, công nghệ, đổi mới sáng tạo trong tuần
- tag: trend

Tuần qua, khoa học và công nghệ tiếp tục là chủ đề nổi bật của cả nước lẫn thành phố.

### 1. Xu hướng chung của cả nước

**Bán dẫn và dữ liệu:** Nhiều địa phương mời gọi đầu tư vào trung tâm dữ liệu và vi mạch.

### 2. Điểm sáng tại thành phố Hải Phòng

**Kỹ năng số:** Gần 1.100 người được bồi dưỡng kỹ năng số trong tuần.

*Tuần làm việc khép lại với nhiều tín hiệu tích cực cho kinh tế số của thành phố.*
"""


def paragraph(seed: int, sentences: int) -> str:
    """A paragraph of ``sentences`` sentences from the pool, deterministic in ``seed``."""
    return " ".join(SENTENCES[(seed * 5 + k) % len(SENTENCES)] for k in range(sentences))


def stress_issue(tmp: Path, items: int = 18, figure_every: int = 3) -> Path:
    """A scratch project with a long issue: varied item lengths so headings and figures land
    at every height of a page, a cover and figures (real JPEGs). Returns the issue path."""
    tags = ["national"] * (items // 2) + ["spotlight"] + ["local"] * (items - items // 2 - 1)
    blocks = [FRONT]
    for n, tag in enumerate(tags):
        paragraphs = [paragraph(n + k, 2 + (n + k) % 5) for k in range(1 + n % 4)]
        if n % figure_every == 1:
            paragraphs.insert(1 + n % 2, f'![Hình minh họa số {n} cho tin “{TITLES[n][:30]}”](16/anh-{n}.jpg "Ảnh: Ban biên tập")')
        blocks.append(f"## {TITLES[n]}\n- tag: {tag}\n- ngày: {DAYS[n % 7]}\n"
                      f"- nguồn: [Báo Khoa học số {n}](https://baokhoahoc.example.vn/tin-{n}.html)\n\n"
                      + "\n\n".join(paragraphs) + "\n")
    blocks.append("# Tin ứng viên\n\n## Một tin ứng viên không được in\n- tag:\n- ngày: 01/5\n"
                  "- nguồn: [VnExpress](https://vnexpress.net/x.html)\n\nTin này chưa được chọn.\n")
    issue = scratch_project(tmp, "\n".join(blocks))
    make_photo(issue.parent / "16" / "bia.jpg", size=(2400, 1600), color=(10, 60, 120))
    for n in range(items):
        if n % figure_every == 1:
            make_photo(issue.parent / "16" / f"anh-{n}.jpg", size=(1800, 1200 + 150 * (n % 3)), color=(40 + 9 * n, 90, 150))
    return issue


@dataclass(frozen=True, slots=True)
class Built:
    """A built issue and its PDF read back."""

    issue: Issue
    """The model the PDF was made from."""
    editions: Editions
    """The files the build wrote."""
    reader: PdfReader
    """pypdf on the PDF."""
    pages: tuple[str, ...]
    """``pdftotext`` text of each page, NFC."""
    warnings: tuple[str, ...] = ()
    """What the library logged as warnings while building it (when recorded)."""


def build(issue_path: Path, out: Path, rebuild: bool = True) -> Built:
    """Build all editions of ``issue_path`` into ``out`` (or, without ``rebuild``, take the ones
    already there) and read the PDF back."""
    settings = load_settings(issue_path.parents[2] / "sources.yaml")
    issue = read_issue(issue_path, settings.publication)
    editions = build_issue(settings, issue, out, force=rebuild)
    return Built(issue, editions, PdfReader(editions.pdf), pdftotext_pages(editions.pdf))


def pdftotext_pages(pdf: Path) -> tuple[str, ...]:
    """Text of each page as ``pdftotext`` extracts it (pages end with form feeds)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return tuple(unicodedata.normalize("NFC", page) for page in text.split("\f")[:-1])


def squash(text: str) -> str:
    """Whitespace runs (line wraps included) -> one space."""
    return " ".join(text.split())


def toc_number(toc_text: str, label: str) -> int:
    """The page number printed after ``label`` in the MỤC LỤC, behind its dot leader."""
    found = re.findall(re.escape(squash(label)) + r"\s*\.*\s*P\.\s*(\d+)", squash(toc_text))
    assert len(found) == 1, f"MỤC LỤC entry {label!r}: {found}"
    return int(found[0])


def outline(reader: PdfReader, entries=None, level: int = 1) -> list[tuple[int, str, int]]:
    """The outline as (level, title, 1-based page) in reading order."""
    rows = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            rows += outline(reader, entry, level + 1)
        else:
            rows.append((level, entry.title, reader.get_destination_page_number(entry) + 1))
    return rows


def drawn_images(reader: PdfReader, page_index: int) -> int:
    """How many image XObjects page ``page_index`` (0-based) paints."""
    page = reader.pages[page_index]
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    ops = ContentStream(page.get_contents(), reader).operations
    names = [operands[0] for operands, op in ops if op == b"Do"]
    return sum(1 for name in names if xobjects[name].get_object().get("/Subtype") == "/Image")


def link_uris(reader: PdfReader, page_index: int) -> list[str]:
    """URIs of the link annotations on page ``page_index`` (0-based)."""
    uris = []
    for annot in reader.pages[page_index].get("/Annots", []) or []:
        action = annot.get_object().get("/A")
        if action and action.get("/URI"):
            uris.append(str(action["/URI"]))
    return uris


PREFLIGHT_JARS = ("preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api")
"""Debian's PDFBox Preflight and what it needs (libpdfbox2-java, libactivation-java, libjaxb-api-java)."""


def preflight(pdf: Path) -> list[str] | None:
    """PDFBox Preflight's error lines ("code : message") for ``pdf``, or None when it is not installed."""
    jars = [Path("/usr/share/java") / f"{name}.jar" for name in PREFLIGHT_JARS]
    if not shutil.which("java") or not all(jar.is_file() for jar in jars):
        return None
    done = subprocess.run(["java", "-cp", ":".join(map(str, jars)), "org.apache.pdfbox.preflight.Validator_A1b", str(pdf)],
                          capture_output=True, text=True, timeout=300)
    lines = done.stdout.splitlines() + done.stderr.splitlines()
    assert any("PDF/A-1b file" in line for line in lines), "\n".join(lines[-20:])
    return [line for line in lines if re.match(r"\d+(\.\d+)* : ", line)]
