"""A candidate with the article behind it -> the drafted item the editor only has to trim.

::

    ## Title
    <!-- bulletin: id=… gợi ý: national -->
    <!-- bulletin: bản nháp tự động, hãy biên tập -->
    - tag:
    - ngày: 27/4
    - nguồn: [VnExpress](https://…)

    Lead (the page's sapo, else its first sentence or two).

    ![Caption](17/slug.jpg "Ảnh: VnExpress")

    One or two paragraphs of the article's most central sentences.

Everything comes from the article, escaped by :func:`~.clean.md_text`, so nothing the page holds can
change the file's structure. Deleting the marker line accepts the draft. A candidate whose page could
not be read keeps the feed's text and says why in its comment.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from ..items import DRAFT_MARKER
from ..text import slugify
from .append import render_candidate
from .clean import md_text, shorten
from .model import Article, Candidate
from .summary import draft

CAPTION_LIMIT = 200
"""Characters of a picture caption kept."""


def article_for(candidate: Candidate, articles: Mapping[str, Article]) -> Article | None:
    """The article behind a candidate: the first of its links whose page was read, else the first
    link's (unreadable) one, else None."""
    found = [articles[link] for _id, link in candidate.members if link in articles]
    return next((a for a in found if a.readable), found[0] if found else None)


def picture_files(candidates: Sequence[Candidate], articles: Mapping[str, Article], folder: Path,
                  reserved: Collection[str] = ()) -> dict[str, str]:
    """Candidate id -> a new file name in ``folder`` for its lead picture (never one that exists,
    nor one of the ``reserved`` names given to other pictures of the run)."""
    taken = ({p.name for p in folder.iterdir()} if folder.is_dir() else set()) | set(reserved)
    names = {}
    for c in candidates:
        article = article_for(c, articles)
        if article is None or not article.readable or article.picture is None:
            continue
        stem, n = slugify(c.title, 50), 1
        name = f"{stem}{article.picture.suffix}"
        while name in taken:
            n += 1
            name = f"{stem}-{n}{article.picture.suffix}"
        taken.add(name)
        names[c.id] = name
    return names


def draft_block(candidate: Candidate, article: Article | None, picture: str = "") -> str:
    """The candidate's Markdown: a drafted item (with the marker) when its page was read; else the
    feed's text, with why the page could not be read among the notes. ``picture`` is the picture's
    reference from the issue file (``17/ten-anh.jpg``), or ''."""
    if article is None:
        return render_candidate(candidate)
    if not article.readable:
        note = f"không đọc được bài gốc: {article.failure}"
        return render_candidate(dataclasses.replace(candidate, notes=candidate.notes + (note,)))
    head = render_candidate(dataclasses.replace(candidate, summary=""))
    head = head.replace("\n- tag:", f"\n{DRAFT_MARKER}\n- tag:", 1)
    blocks = [head.rstrip("\n"), *draft_body(article, picture, candidate.sources[0].name)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def draft_body(article: Article, picture: str, source: str) -> list[str]:
    """The drafted text of a readable article as Markdown blocks: the lead, the picture paragraph
    (``picture`` is its reference from the issue file, or ''; ``source`` names the credit), the body."""
    made = draft(article.text, article.lead)
    blocks = [md_text(made.lead)]
    if picture:
        blocks.append(picture_line(article, picture, source))
    return blocks + [md_text(p) for p in made.body]


def picture_line(article: Article, ref: str, source: str) -> str:
    """``![caption](ref "Ảnh: credit")``: the page's caption (else the title), the page's credit
    followed by the source's name (or the source's name alone)."""
    caption = md_text(shorten(article.picture_caption or article.title, CAPTION_LIMIT))
    credit = f"{article.picture_credit} ({source})" if article.picture_credit else source
    credit = credit.replace("\\", "").replace('"', "'")
    return f'![{caption}]({ref} "Ảnh: {md_text(credit)}")'
