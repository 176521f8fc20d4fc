"""``bulletin init``: ask a few questions, write a commented ``sources.yaml`` and a first issue."""
from __future__ import annotations

import argparse
import logging

from ..errors import BulletinError
from ..starter import QUESTIONS, Question, answers, check_answer, create_project
from ..text import today
from . import add_config_argument

log = logging.getLogger(__name__)

ATTEMPTS = 3
"""How many times a question is asked again after an unusable answer."""


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    config = args.config
    if config.exists():
        raise BulletinError(f"{config} đã có; lệnh init không ghi đè cấu hình đang có. Muốn tạo cấu hình mới ở "
                            "thư mục khác, hãy chỉ rõ tệp, ví dụ: bulletin init --config so-moi/sources.yaml")
    print("Tạo bản tin cho một đơn vị mới. Trả lời các câu hỏi dưới đây; "
          "nhấn Enter để dùng giá trị trong ngoặc vuông.")
    values: dict[str, str] = {}
    for question in QUESTIONS:
        values[question.field] = _ask(question, values)
    written, issue = create_project(config, answers(values), today())
    print(f"Đã tạo {written} và {issue}.")
    print(f"Kiểm tra số đầu tiên: bulletin check 1 --config {written}   (hoặc: make check N=1 CONFIG={written})")
    return 0


def _ask(question: Question, values: dict[str, str]) -> str:
    default = question.default.replace("{province}", values.get("province", ""))
    prompt = f"{question.prompt}" + (f" [{default}]" if default else "") + ": "
    for _ in range(ATTEMPTS):
        try:
            answer = input(prompt).strip() or default
        except EOFError:
            raise BulletinError("chưa trả lời hết các câu hỏi; chưa tạo tệp nào") from None
        problem = check_answer(question.field, answer)
        if not problem:
            return answer
        print(f"  {problem}; hãy nhập lại.")
    raise BulletinError(f'câu "{question.prompt}" chưa có câu trả lời dùng được; chưa tạo tệp nào')
