"""Page images of originals: bounded, cached once per file, pruned, never a crash."""

from __future__ import annotations

import io
import os

from PIL import Image

from cchc.service import preview


def _pdf(pages: int, size=(595, 842)) -> bytes:
    images = [Image.new("RGB", size, (255, 255, 255)) for _ in range(pages)]
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=72)
    return buf.getvalue()


def test_pdf_pages_rendered_once_within_bounds(tmp_path):
    data = _pdf(3)
    first = preview.pages(data, "bao-cao.pdf", tmp_path)
    assert first.count == 3 and first.note is None
    with Image.open(first.image(2)) as img:
        assert img.width <= preview.WIDTH and img.height <= preview.MAX_HEIGHT
    mtime = first.image(1).stat().st_mtime_ns
    again = preview.pages(data, "ten-khac.pdf", tmp_path)
    assert again.image(1).stat().st_mtime_ns == mtime  # read from the cache
    assert again.image(0) is None and again.image(4) is None


def test_a_strip_shaped_page_is_bounded(tmp_path):
    got = preview.pages(_pdf(1, size=(20, 20000)), "dai.pdf", tmp_path)
    with Image.open(got.image(1)) as img:
        assert img.height <= preview.MAX_HEIGHT


def test_page_count_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(preview, "MAX_PAGES", 2)
    assert preview.pages(_pdf(5), "dai.pdf", tmp_path).count == 2


def test_not_a_document_gives_a_note_not_an_error(tmp_path):
    got = preview.pages(b"\x00\x01 not a document", "la.bin", tmp_path)
    assert got.count == 0 and got.note and "không" in got.note
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith(".")]


def test_cache_pruned_oldest_first(tmp_path):
    old = preview.pages(_pdf(1), "a.pdf", tmp_path)
    size = sum(p.stat().st_size for p in old.folder.iterdir())
    os.utime(old.folder, (1_000_000, 1_000_000))  # rendered long ago
    newer = preview.pages(_pdf(2), "b.pdf", tmp_path)
    preview._prune(tmp_path, keep=newer.folder.name, limit=size * 2)
    assert newer.folder.exists() and not old.folder.exists()
