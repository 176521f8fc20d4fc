"""The pydyf patch (bulletin/render/pydyf_patch.py): applied, equal to pydyf's own answer, and refused
when pydyf no longer behaves as assumed; the installed pydyf is within the version range declared."""
from __future__ import annotations

import zlib
from importlib.metadata import requires, version

import pydyf
from packaging.requirements import Requirement

from bulletin.render import pydyf_patch


def test_the_patch_is_applied_to_the_installed_pydyf():
    assert pydyf_patch.APPLIED and pydyf_patch.holds()
    assert pydyf.PDF.__dict__["page_references"].fget is pydyf_patch.cached_page_references


def test_cached_references_follow_pages_as_they_are_added():
    pdf = pydyf.PDF()
    seen = []
    for _ in range(4):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        seen.append(pdf.page_references)
    assert [len(refs) for refs in seen] == [1, 2, 3, 4]
    assert seen[-1] == tuple(f"{n} 0 R".encode() for n in pdf.pages["Kids"][::3])
    assert pdf.page_references is seen[-1], "read again without a new page: the same tuple"


def test_a_pydyf_that_answers_otherwise_is_left_unpatched(monkeypatch):
    monkeypatch.setattr(pydyf_patch, "_ORIGINAL", property(lambda pdf: (b"1 0 R",)))
    assert not pydyf_patch.holds()
    monkeypatch.setattr(pydyf_patch, "_ORIGINAL", None)  # no longer a property
    assert not pydyf_patch.holds()


def test_installed_pydyf_is_within_the_declared_range():
    declared = [Requirement(r) for r in requires("bulletin") or () if Requirement(r).name == "pydyf"]
    assert len(declared) == 1 and declared[0].specifier, "pyproject.toml declares pydyf with a version range"
    assert declared[0].specifier.contains(version("pydyf"))


def test_streams_are_deflated_at_the_default_level_and_read_back():
    """pydyf asks zlib for level 9; the patch gives its streams level 6, and they still inflate."""
    content = [b"BT /F1 10 Tf 72 720 Td (Ti\\352ng Vi\\352t c\\363 d\\343u) Tj ET"] * 200
    data = pydyf.Stream(list(content), compress=True).data
    deflated = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    raw = b"\n".join(content)
    assert zlib.decompress(deflated) == raw
    expected = zlib.compressobj(pydyf_patch.FLATE_LEVEL)
    assert deflated == expected.compress(raw) + expected.flush()
    assert pydyf.zlib.compress is zlib.compress, "everything else is zlib's own"
