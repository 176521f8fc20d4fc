"""Realistic issues for the benchmark: S, M and L (20, 45 and 120 items; 0, 10 and 30 photos), and T
(50 long items, text only).

Each issue is written into a project folder (``sources.yaml`` copied from the repository plus
``issues/<year>/<NN>.md`` and its photo folder), exactly as an editor's checkout would hold it.
Photos are about 4000×3000 px and photo-like (smooth colour fields, shapes, fine grain), so their
JPEGs weigh what a phone camera's do (~3.5 MB). Everything is seeded: the same size always gives
the same text and the same pixels.

Run ``python -m bench.generate <folder> [S M L T]`` to look at the generated issues.
"""
from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

REPO = Path(__file__).resolve().parents[1]
"""The repository root (holds the shipped ``sources.yaml``)."""
YEAR = 2026
"""Year of every generated issue."""
PHOTO_SIZE = (4000, 3000)
"""Pixel size of a generated photo."""
WEEK = ((27, 4), (3, 5))
"""The covered week: 27/4/2026 - 03/5/2026 (days 27/4..30/4 and 1/5..3/5)."""
DAYS = ("27/4", "28/4", "29/4", "30/4", "01/5", "02/5", "03/5")
"""Item days inside :data:`WEEK`."""


@dataclass(frozen=True, slots=True)
class Size:
    """One benchmark issue size."""

    name: str
    """``S``, ``M`` or ``L``."""
    number: int
    """The issue number it is written as (file ``issues/2026/<number>.md``)."""
    items: int
    """Published items, the trend summary included."""
    photos: int
    """Photos in the issue, the cover included (the cover is the first one)."""
    body: tuple[int, int] = (1, 3)
    """Least and most paragraphs in an item's body (after its lead paragraph)."""


SIZES = {"S": Size("S", 31, 20, 0), "M": Size("M", 32, 45, 10), "L": Size("L", 33, 120, 30)}
"""The three sizes the issue asks for."""
TEXT = Size("T", 36, 50, 0, body=(2, 2))
"""Text only, in the shape of the real bulletin: 50 long items (26 pages), no photo at all
(issue 18: where scaling photos in parallel gives pandoc's pipeline no handicap)."""


@dataclass(frozen=True, slots=True)
class Generated:
    """An issue written into a project folder."""

    size: Size
    """Which size it is."""
    root: Path
    """The project folder (``sources.yaml`` lives here; pass it as the working directory)."""
    issue: Path
    """The issue file."""
    photos: tuple[Path, ...]
    """The photo files, in the order the issue uses them (the cover first)."""


def generate(size: Size, root: Path, photo_pool: dict[int, Path] | None = None) -> Generated:
    """Write issue ``size`` into project folder ``root`` (created when missing).

    ``photo_pool`` maps a photo seed to an already written photo file; such photos are hard-linked
    (or copied) instead of drawn again, and newly drawn ones are added to it.
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "sources.yaml", root / "sources.yaml")
    year_dir = root / "issues" / str(YEAR)
    folder = year_dir / f"{size.number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    pool = photo_pool if photo_pool is not None else {}
    photos = tuple(_place_photo(folder / f"anh-{n:02d}.jpg", n, pool) for n in range(1, size.photos + 1))
    refs = [f"{size.number:02d}/{p.name}" for p in photos]
    issue = year_dir / f"{size.number:02d}.md"
    issue.write_text(issue_text(size, refs), encoding="utf-8")
    return Generated(size, root, issue, photos)


def _place_photo(target: Path, seed: int, pool: dict[int, Path]) -> Path:
    if seed in pool:
        try:
            target.hardlink_to(pool[seed])
        except OSError:
            shutil.copyfile(pool[seed], target)
    else:
        write_photo(target, seed)
        pool[seed] = target
    return target


def write_photo(target: Path, seed: int, size: tuple[int, int] = PHOTO_SIZE) -> Path:
    """Draw a photo-like picture from ``seed`` and save it as a camera-quality JPEG.

    The file is written next to ``target`` and renamed in, so an existing file (or a hard link
    to it) is replaced, never modified in place.
    """
    rng = random.Random(seed)
    width, height = size
    small = (width // 4, height // 4)
    base = Image.frombytes("RGB", (8, 6), rng.randbytes(8 * 6 * 3)).resize(small, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(base)
    for _ in range(12):
        x, y, r = rng.randrange(small[0]), rng.randrange(small[1]), rng.randrange(small[0] // 40, small[0] // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randbytes(3)))
    base = base.filter(ImageFilter.GaussianBlur(1.5))
    texture = Image.frombytes("L", (width // 16, height // 16), rng.randbytes(width * height // 256))
    texture = texture.resize(small, Image.Resampling.BICUBIC)
    base = Image.blend(base, Image.merge("RGB", (texture,) * 3), 0.25).resize(size, Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", size, rng.randbytes(width * height)).point(lambda v: v * 16 // 255)
    picture = ImageChops.add(base, Image.merge("RGB", (grain,) * 3), 1, -8)
    tmp = target.with_name(f".{target.name}.tmp")
    picture.save(tmp, "JPEG", quality=92)
    tmp.replace(target)
    return target


# --- text ---------------------------------------------------------------------------------

SUBJECTS = ("Bộ Khoa học và Công nghệ", "Ủy ban nhân dân thành phố", "Sở Khoa học và Công nghệ",
            "Các doanh nghiệp công nghệ số", "Viện nghiên cứu cơ khí", "Trường đại học kỹ thuật",
            "Trung tâm đổi mới sáng tạo", "Hiệp hội phần mềm", "Các hợp tác xã nông nghiệp", "Ngành y tế")
ACTIONS = ("triển khai", "thử nghiệm", "đẩy mạnh", "hoàn thiện", "công bố", "đầu tư cho", "ký kết hợp tác về",
           "đánh giá kết quả của", "mở rộng", "chuẩn hóa")
OBJECTS = ("nền tảng dữ liệu dùng chung", "hệ thống giám sát chất lượng nước", "chương trình đào tạo kỹ năng số",
           "mô hình nhà kính thông minh", "dây chuyền đóng gói chip bán dẫn", "dịch vụ công trực tuyến toàn trình",
           "bản đồ số nông sản", "trung tâm dữ liệu vùng", "ứng dụng trí tuệ nhân tạo trong khám bệnh",
           "mạng cảm biến cảnh báo ngập", "quy chuẩn an toàn thông tin", "cơ chế thử nghiệm có kiểm soát")
COMPLEMENTS = ("nhằm rút ngắn thời gian xử lý hồ sơ cho người dân", "với tổng kinh phí hơn 120 tỷ đồng",
               "trong giai đoạn 2026 – 2030", "tại 14 xã ven biển", "theo lộ trình ba bước",
               "để giảm chi phí sản xuất khoảng 15%", "cùng sự tham gia của 35 doanh nghiệp",
               "trên cơ sở kết quả khảo sát quý I", "với sự hỗ trợ kỹ thuật của các chuyên gia quốc tế")
OPINIONS = ("Theo đại diện đơn vị chủ trì, kết quả bước đầu cho thấy hiệu quả rõ rệt.",
            "Các chuyên gia nhận định đây là bước đi cần thiết trong bối cảnh chuyển đổi số.",
            "Nhiều ý kiến đề nghị sớm nhân rộng mô hình sau khi tổng kết giai đoạn thí điểm.",
            "Người dân và doanh nghiệp đánh giá cao sự thuận tiện mà giải pháp mới mang lại.",
            "Đơn vị cũng lưu ý yêu cầu bảo đảm an toàn dữ liệu cá nhân trong quá trình vận hành.")
OUTLETS = (("Báo Chính phủ", "baochinhphu.vn"), ("TTXVN", "vietnamplus.vn"), ("Báo Hải Phòng", "baohaiphong.vn"),
           ("Báo QĐND", "qdnd.vn"), ("VnExpress", "vnexpress.net"), ("Bộ KH&CN", "mst.gov.vn"))
LEADS = ("Hạ tầng số", "Dữ liệu", "Nhân lực", "Thể chế", "Doanh nghiệp", "Nông nghiệp thông minh")


def sentence(rng: random.Random) -> str:
    """One sentence of news prose."""
    return f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)}."


def paragraph(rng: random.Random, sentences: int) -> str:
    """A paragraph of ``sentences`` sentences, sometimes closing with an opinion."""
    text = " ".join(sentence(rng) for _ in range(sentences))
    return f"{text} {rng.choice(OPINIONS)}" if rng.random() < 0.5 else text


def title(rng: random.Random) -> str:
    """An item title."""
    return f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"


def issue_text(size: Size, photo_refs: list[str]) -> str:
    """The whole issue file: front matter, the trend summary, then the tagged items."""
    rng = random.Random(size.number)
    cover = f"ảnh bìa: {photo_refs[0]}\n" if photo_refs else ""
    front = (f"---\nsố: {size.number}\nnăm: {YEAR}\ntuần: 27/4/{YEAR} - 03/5/{YEAR}\n"
             f"chủ đề: Xã hội số trong kỷ nguyên vươn mình của dân tộc\n{cover}---\n\n# Tin đã chọn\n")
    body_photos = photo_refs[1:]
    others = size.items - 1
    spread = {round(k * others / len(body_photos)): ref for k, ref in enumerate(body_photos)} if body_photos else {}
    seen: set[str] = set()
    items = [_item(rng, n, _tag(n, others), spread.get(n), seen, size.body) for n in range(others)]
    return "\n".join([front, _trend(rng), *items])


def _tag(n: int, total: int) -> str:
    if n < total * 0.55:
        return "national"
    return "spotlight" if n < total * 0.55 + max(1, total // 20) else "local"


def _trend(rng: random.Random) -> str:
    national = "\n\n".join(f"**{lead}:** {paragraph(rng, 3)}" for lead in LEADS[:4])
    local = "\n\n".join(f"**{lead}:** {paragraph(rng, 2)}" for lead in LEADS[4:])
    return (f"## Tổng kết xu hướng khoa học, công nghệ tuần từ 27/4 đến 03/5/{YEAR}\n- tag: trend\n\n"
            f"{paragraph(rng, 2)}\n\n### 1. Xu hướng chung của cả nước\n\n{national}\n\n"
            f"### 2. Điểm sáng tại thành phố Hải Phòng\n\n{local}\n\n*{paragraph(rng, 1)}*\n")


def _item(rng: random.Random, n: int, tag: str, photo: str | None, seen: set[str], body: tuple[int, int]) -> str:
    headline = title(rng)
    if headline in seen:  # two items with one title get a warning; a real issue has none
        headline = f"{headline} (đợt {n + 1})"
    seen.add(headline)
    name, host = rng.choice(OUTLETS)
    paragraphs = [paragraph(rng, rng.randint(3, 5)) for _ in range(rng.randint(*body))]
    if photo:
        paragraphs.insert(1, f'![{sentence(rng)}]({photo} "Ảnh: {name}")')
    body = "\n\n".join(paragraphs)
    return (f"## {headline}\n- tag: {tag}\n- ngày: {DAYS[n % len(DAYS)]}\n"
            f"- nguồn: [{name}](https://{host}/tin-{n + 1}.html)\n\n{paragraph(rng, 2)}\n\n{body}\n")


def main(argv: list[str]) -> int:
    """``python -m bench.generate <folder> [S M L T]``."""
    if not argv:
        print(__doc__)
        return 2
    pool: dict[int, Path] = {}
    sizes = {**SIZES, TEXT.name: TEXT}
    for name in argv[1:] or list(sizes):
        made = generate(sizes[name.upper()], Path(argv[0]), pool)
        print(f"{name}: {made.issue} ({made.size.items} tin, {len(made.photos)} ảnh)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
