"""Draw the illustrations of the shipped sample issue (issues/2026/16.md) with Pillow.

Every picture is a simple graphic (gradients, shapes, a small chart or icon and a short
Vietnamese label in Be Vietnam Pro), so the sample needs no downloaded photos. The output is
deterministic: the same Pillow version writes the same bytes.

    .venv/bin/python tools/make_sample_images.py [OUTPUT_DIR]

OUTPUT_DIR defaults to issues/2026/16/ next to this script's repository.
"""
from __future__ import annotations

import math
import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import fontpkg
from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 1000)
QUALITY = 85
NAVY, BLUE, SKY = (11, 79, 138), (30, 120, 200), (120, 190, 240)
RED, GOLD, WHITE = (200, 16, 46), (255, 211, 77), (255, 255, 255)
GREEN, LEAF = (46, 125, 50), (129, 199, 132)

Painter = Callable[[Image.Image, ImageDraw.ImageDraw], None]


def font(size: int, weight: int = 700) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(fontpkg.path("Be Vietnam Pro", weight), size)


def canvas(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom``."""
    w, h = SIZE
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / (h - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize(SIZE)


def label(draw: ImageDraw.ImageDraw, title: str, sub: str = "", colour=WHITE, y: int = 820) -> None:
    """A band at the bottom with a bold title and an optional smaller line."""
    draw.rectangle((0, y, SIZE[0], SIZE[1]), fill=(0, 0, 0, 150))
    draw.text((70, y + 30), unicodedata.normalize("NFC", title), font=font(62), fill=colour)
    if sub:
        draw.text((72, y + 110), unicodedata.normalize("NFC", sub), font=font(34, 400), fill=(220, 230, 240))


def network(draw: ImageDraw.ImageDraw, rng: random.Random, box, count: int, colour) -> None:
    """Random nodes joined to their neighbours: a "digital network" motif."""
    x0, y0, x1, y1 = box
    nodes = [(rng.randint(x0, x1), rng.randint(y0, y1)) for _ in range(count)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if math.dist(a, b) < 230:
                draw.line((a, b), fill=colour + (90,), width=2)
    for x, y in nodes:
        r = rng.choice((5, 7, 10))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour + (230,))


def cover(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    rng = random.Random(16)
    network(draw, rng, (40, 40, 1560, 760), 70, SKY)
    for r in range(420, 120, -60):
        draw.ellipse((800 - r, 400 - r, 800 + r, 400 + r), outline=GOLD + (120,), width=3)
    draw.ellipse((690, 290, 910, 510), fill=GOLD + (255,))
    draw.text((800, 400), "số", font=font(110, 800), fill=NAVY, anchor="mm")
    label(draw, "Xã hội số", "Kết nối mọi người dân, mọi miền đất nước", GOLD)


def strategic(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    groups = ["AI", "5G", "Chip", "Lượng tử", "Vệ tinh", "Vắc xin", "Hydro", "Robot", "Dữ liệu", "Đường sắt"]
    small = font(26)
    for n in range(30):
        col, row = n % 10, n // 10
        x, y = 90 + col * 145, 110 + row * 210
        fill = (RED if row == 0 else BLUE if row == 1 else GREEN) + (255,)
        hexagon = [(x + 60 * math.cos(a), y + 60 * math.sin(a)) for a in (math.pi / 3 * k + math.pi / 6 for k in range(6))]
        draw.polygon(hexagon, fill=fill, outline=WHITE)
        draw.text((x, y), str(n + 1), font=font(34), fill=WHITE, anchor="mm")
        if row == 2:
            draw.text((x, y + 95), groups[col], font=small, fill=WHITE, anchor="mm")
    label(draw, "30 sản phẩm công nghệ chiến lược", "Danh mục do Bộ Khoa học và Công nghệ đề xuất")


def education(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    layers = [4, 6, 6, 3]
    points = [[(380 + i * 280, 150 + (j + 0.5) * 600 / n) for j in range(n)] for i, n in enumerate(layers)]
    for left, right in zip(points, points[1:]):
        for a in left:
            for b in right:
                draw.line((a, b), fill=SKY + (140,), width=3)
    for layer in points:
        for x, y in layer:
            draw.ellipse((x - 26, y - 26, x + 26, y + 26), fill=GOLD + (255,), outline=WHITE, width=4)
    draw.polygon([(100, 600), (200, 640), (300, 600), (300, 700), (200, 740), (100, 700)], fill=WHITE + (255,))
    draw.line((200, 640, 200, 740), fill=NAVY, width=6)
    draw.text((1330, 420), "AI", font=font(150, 800), fill=WHITE, anchor="mm")
    label(draw, "AI trong giáo dục và đào tạo", "Cá nhân hóa việc học, quản trị bằng dữ liệu")


def railway(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    hours = ["5h", "8h", "11h", "14h", "17h", "20h", "23h"]
    discount = [35, 10, 25, 30, 5, 15, 35]
    base, axis = 700, font(30)
    draw.line((120, base, 1500, base), fill=WHITE, width=4)
    for n, (hour, pct) in enumerate(zip(hours, discount)):
        x = 190 + n * 190
        top = base - pct * 15
        draw.rectangle((x - 55, top, x + 55, base), fill=(GOLD if pct >= 30 else SKY) + (255,))
        draw.text((x, top - 30), f"-{pct}%", font=axis, fill=WHITE, anchor="mm")
        draw.text((x, base + 40), hour, font=axis, fill=WHITE, anchor="mm")
    draw.text((120, 60), "Mức giảm giá vé theo giờ tàu chạy (minh họa)", font=font(36, 400), fill=WHITE)
    label(draw, "Giá vé tàu linh hoạt: giảm tới 35%", "AI tính giá theo nhu cầu từng chặng, từng khung giờ", y=830)


def chip(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    x0, y0, x1, y1 = 560, 170, 1040, 650
    for k in range(12):
        off = 190 + k * 36
        for a, b in (((x0 - 70, off), (x0, off)), ((x1, off), (x1 + 70, off))):
            draw.line((a, b), fill=GOLD, width=10)
        for a, b in (((off + 390, y0 - 70), (off + 390, y0)), ((off + 390, y1), (off + 390, y1 + 70))):
            draw.line((a, b), fill=GOLD, width=10)
    draw.rounded_rectangle((x0, y0, x1, y1), radius=24, fill=(25, 35, 55), outline=GOLD, width=6)
    draw.rounded_rectangle((x0 + 90, y0 + 90, x1 - 90, y1 - 90), radius=12, outline=SKY, width=4)
    draw.text((800, 410), "VN · JP", font=font(64, 800), fill=WHITE, anchor="mm")
    draw.ellipse((150, 250, 330, 430), fill=RED)
    star = [(240 + (70 if k % 2 == 0 else 28) * math.sin(math.pi * k / 5),
             345 - (70 if k % 2 == 0 else 28) * math.cos(math.pi * k / 5)) for k in range(10)]
    draw.polygon(star, fill=GOLD)
    draw.ellipse((1270, 250, 1450, 430), fill=WHITE, outline=RED, width=6)
    draw.ellipse((1320, 300, 1400, 380), fill=RED)
    label(draw, "5 nhiệm vụ nghiên cứu bán dẫn", "Hợp tác Việt Nam – Nhật Bản: vi mạch 3D, chip AI, cảm biến")


def skills(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    rng = random.Random(1100)
    for row in range(6):
        for col in range(22):
            x, y = 80 + col * 66, 90 + row * 110
            colour = GOLD if rng.random() < 0.18 else WHITE
            draw.ellipse((x - 14, y - 34, x + 14, y - 6), fill=colour)
            draw.rounded_rectangle((x - 22, y - 2, x + 22, y + 48), radius=14, fill=colour)
    label(draw, "Gần 1.100 học viên", "Tập huấn kỹ năng số cho cán bộ và Tổ công nghệ số cộng đồng")


def fields(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    for n in range(9):
        y = 380 + n * 50
        draw.polygon([(0, y), (1600, y - 120), (1600, y - 70), (0, y + 50)], fill=(GOLD if n % 2 else LEAF) + (255,))
    draw.rectangle((0, 0, 1600, 250), fill=SKY)
    cx, cy = 800, 200
    for dx, dy in ((-150, -60), (150, -60), (-150, 60), (150, 60)):
        draw.line((cx, cy, cx + dx, cy + dy), fill=(40, 40, 40), width=12)
        draw.ellipse((cx + dx - 60, cy + dy - 12, cx + dx + 60, cy + dy + 12), fill=(90, 90, 90))
    draw.rounded_rectangle((cx - 70, cy - 35, cx + 70, cy + 35), radius=16, fill=(230, 230, 230))
    for k in range(5):
        draw.line((cx - 40 + k * 20, cy + 40, cx - 120 + k * 60, cy + 330), fill=WHITE + (90,), width=4)
    label(draw, "Máy bay không người lái trên đồng lúa", "Cơ giới hóa đồng bộ, giảm công lao động")


def security(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    shield = [(400, 140), (640, 210), (640, 430), (400, 650), (160, 430), (160, 210)]
    draw.polygon(shield, fill=BLUE + (255,), outline=WHITE, width=8)
    draw.line(((300, 400), (380, 480), (520, 320)), fill=GOLD, width=26, joint="curve")
    weeks = [("Tuần 1", 410), ("Tuần 2", 520), ("Tuần 3", 460), ("Tuần 4", 580)]
    small = font(30)
    for n, (name, value) in enumerate(weeks):
        y = 200 + n * 120
        draw.rectangle((820, y, 820 + value, y + 70), fill=(RED if value > 500 else SKY) + (255,))
        draw.text((800, y + 35), name, font=small, fill=WHITE, anchor="rm")
        draw.text((840 + value, y + 35), str(value), font=small, fill=WHITE, anchor="lm")
    draw.text((820, 130), "Cảnh báo do SOC phát hiện (minh họa)", font=font(30, 400), fill=WHITE)
    label(draw, "Gần 2.000 mối đe dọa trong tháng 4", "Hệ thống giám sát an toàn thông tin của thành phố")


def port(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    rng = random.Random(5)
    draw.rectangle((0, 640, 1600, 820), fill=(18, 60, 110))
    palette = [RED, BLUE, GOLD, GREEN, (240, 120, 30), (120, 120, 130)]
    for col in range(14):
        for row in range(rng.randint(2, 5)):
            x, y = 560 + col * 70, 600 - row * 40
            draw.rectangle((x, y, x + 66, y + 36), fill=rng.choice(palette), outline=(30, 30, 30))
    for x in (180, 380):
        draw.rectangle((x, 200, x + 24, 640), fill=(230, 80, 40))
        draw.rectangle((x - 60, 190, x + 260, 214), fill=(230, 80, 40))
        draw.line((x + 230, 214, x + 230, 420), fill=(40, 40, 40), width=4)
        draw.rectangle((x + 200, 420, x + 260, 450), fill=BLUE)
    label(draw, "Cảng xanh, cảng thông minh", "Hải Phòng hướng tới trung tâm logistics quốc tế")


def shield_ip(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    rng = random.Random(30)
    network(draw, rng, (60, 60, 1540, 760), 45, SKY)
    shield = [(800, 110), (1060, 190), (1060, 420), (800, 700), (540, 420), (540, 190)]
    draw.polygon(shield, fill=NAVY + (255,), outline=GOLD, width=10)
    draw.ellipse((680, 270, 920, 510), outline=WHITE, width=14)
    draw.text((800, 392), "R", font=font(140, 800), fill=WHITE, anchor="mm")
    label(draw, "Lá chắn sở hữu trí tuệ trên không gian số", "Bảo vệ thương hiệu Việt trên sàn thương mại điện tử")


def health(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((170, 170, 530, 530), radius=40, fill=WHITE)
    draw.rounded_rectangle((310, 220, 390, 480), radius=12, fill=(0, 150, 136))
    draw.rounded_rectangle((220, 310, 480, 390), radius=12, fill=(0, 150, 136))
    trace = [(640, 420), (800, 420), (840, 340), (880, 520), (930, 200), (980, 600), (1030, 420), (1480, 420)]
    draw.line(trace, fill=(120, 255, 170), width=10, joint="curve")
    for n, text in enumerate(("Bệnh án điện tử", "Đặt lịch trực tuyến", "Không dùng tiền mặt")):
        draw.rounded_rectangle((600 + n * 310, 630, 890 + n * 310, 700), radius=30, fill=WHITE + (40,), outline=WHITE)
        draw.text((745 + n * 310, 665), text, font=font(24), fill=WHITE, anchor="mm")
    label(draw, "Y tế số", "Dữ liệu khám chữa bệnh liên thông giữa các tuyến", y=760)


def data(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    hub = (800, 400)
    names = ["Y tế", "Đất đai", "Giáo dục", "Giao thông", "Doanh nghiệp", "Dân cư"]
    small = font(28)
    for n, name in enumerate(names):
        angle = math.pi * 2 * n / len(names) - math.pi / 2 + math.pi / 6
        x, y = hub[0] + 560 * math.cos(angle), hub[1] + 290 * math.sin(angle)
        draw.line((hub, (x, y)), fill=GOLD, width=6)
        draw.rounded_rectangle((x - 120, y - 40, x + 120, y + 40), radius=40, fill=BLUE, outline=WHITE, width=3)
        draw.text((x, y), name, font=small, fill=WHITE, anchor="mm")
    for k in range(3):
        top = 300 + k * 55
        draw.rectangle((700, top, 900, top + 55), fill=SKY if k % 2 else BLUE, outline=WHITE, width=3)
        draw.ellipse((700, top - 25, 900, top + 25), fill=SKY, outline=WHITE, width=3)
    draw.rounded_rectangle((690, 75, 910, 135), radius=30, fill=GOLD)
    draw.text((800, 105), "trước 30/6", font=font(32), fill=NAVY, anchor="mm")
    label(draw, "Kho dữ liệu dùng chung của thành phố", "Kết nối dữ liệu chuyên ngành giữa các sở, ngành, địa phương")


def idea(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    for cx, cy, r, teeth in ((430, 430, 170, 12), (700, 300, 110, 9), (1180, 470, 140, 10)):
        for k in range(teeth):
            a = 2 * math.pi * k / teeth
            draw.regular_polygon((cx + r * math.cos(a), cy + r * math.sin(a), 34), 4, rotation=math.degrees(a), fill=(190, 200, 215))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(190, 200, 215))
        draw.ellipse((cx - r / 3, cy - r / 3, cx + r / 3, cy + r / 3), fill=(40, 60, 90))
    draw.ellipse((860, 110, 1060, 310), fill=GOLD)
    draw.rectangle((920, 300, 1000, 370), fill=(200, 200, 200))
    for a in range(0, 360, 45):
        t = math.radians(a)
        draw.line((960 + 120 * math.cos(t), 210 + 120 * math.sin(t), 960 + 160 * math.cos(t), 210 + 160 * math.sin(t)), fill=GOLD, width=8)
    label(draw, "Sáng kiến từ dây chuyền", "Cải tiến thiết bị tự động, giảm lỗi, tiết kiệm vật tư")


def fishery(img: Image.Image, draw: ImageDraw.ImageDraw) -> None:
    rng = random.Random(30)
    for k in range(6):
        y = 200 + k * 90
        draw.line([(x, y + 14 * math.sin(x / 90 + k)) for x in range(0, 1601, 20)], fill=SKY + (120,), width=4)
    placed: list[tuple[int, int]] = []
    while len(placed) < 9:
        x, y, s = rng.randint(120, 1000), rng.randint(250, 680), rng.randint(40, 70)
        if any(abs(x - px) < 190 and abs(y - py) < 90 for px, py in placed):
            continue
        placed.append((x, y))
        draw.ellipse((x - s, y - s / 2, x + s, y + s / 2), fill=GOLD + (230,))
        draw.polygon([(x + s - 5, y), (x + s + 40, y - 30), (x + s + 40, y + 30)], fill=GOLD + (230,))
        draw.ellipse((x - s / 2 - 6, y - 8, x - s / 2 + 6, y + 4), fill=NAVY)
    draw.pieslice((1120, 200, 1480, 560), -90, -90 + 108, fill=GOLD)
    draw.pieslice((1120, 200, 1480, 560), 18, 270, fill=(255, 255, 255, 60))
    draw.text((1300, 620), "trên 30% giá trị gia tăng", font=font(30), fill=WHITE, anchor="mm")
    label(draw, "Khoa học công nghệ cho thủy sản", "Giống mới, nuôi tuần hoàn, truy xuất nguồn gốc")


PICTURES: dict[str, tuple[tuple[tuple[int, int, int], tuple[int, int, int]], Painter]] = {
    "bia.jpg": ((NAVY, (5, 30, 60)), cover),
    "san-pham-chien-luoc.jpg": (((20, 40, 70), (5, 15, 35)), strategic),
    "ai-giao-duc.jpg": ((BLUE, NAVY), education),
    "duong-sat-ai.jpg": (((35, 60, 90), (10, 25, 45)), railway),
    "ban-dan.jpg": (((15, 25, 45), (40, 70, 110)), chip),
    "ky-nang-so.jpg": ((GREEN, (20, 70, 40)), skills),
    "canh-dong.jpg": ((SKY, LEAF), fields),
    "an-ninh-mang.jpg": (((20, 20, 45), (60, 15, 30)), security),
    "cang-bien.jpg": (((250, 200, 140), SKY), port),
    "so-huu-tri-tue.jpg": (((60, 20, 80), NAVY), shield_ip),
    "y-te-so.jpg": (((10, 90, 110), (5, 40, 60)), health),
    "du-lieu.jpg": ((NAVY, (10, 20, 40)), data),
    "sang-kien.jpg": (((70, 85, 110), (25, 35, 50)), idea),
    "thuy-san.jpg": ((BLUE, (5, 40, 80)), fishery),
}
"""File name -> (gradient top and bottom colours, painter)."""


def make(name: str, out: Path) -> Path:
    (top, bottom), painter = PICTURES[name]
    img = canvas(top, bottom)
    draw = ImageDraw.Draw(img, "RGBA")
    painter(img, draw)
    target = out / name
    img.save(target, "JPEG", quality=QUALITY, optimize=True)
    return target


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "issues" / "2026" / "16"
    out.mkdir(parents=True, exist_ok=True)
    for name in PICTURES:
        target = make(name, out)
        print(f"{target}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
