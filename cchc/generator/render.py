"""Render docxtpl templates safely, and fast when many documents share one template.

Plain docxtpl reloads the package, re-patches the XML, recompiles the Jinja
template and re-serialises every part for each document. ``CompiledTemplate``
does all of that once and per document only renders the Jinja parts and zips
them with the untouched parts' bytes. Run joining (``patch_xml``) and the
listing step (``resolve_listing``) are docxtpl's own methods, so a template
renders the same text either way; what differs is on purpose:

- a part is rendered when its *patched* XML has a tag, so a tag Word split across
  runs is found; a tag left in the output is an error, never raw text;
- the rendered XML is parsed strictly (docxtpl parses it in recover mode, which
  silently drops everything after a bad character) and its paragraphs counted;
- tag text is code, not XML: ``{{ 'Sở KH&ĐT' }}`` prints as typed;
- core properties render as plain text (docxtpl escapes them into "&amp;");
- every missing variable is named at once, with the paragraph that uses it.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Mapping
from html import unescape
from pathlib import Path

import jinja2
import jinja2.meta
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from cchc.core import safezip
from cchc.core.errors import CchcError
from cchc.core.infile import open_regular
from cchc.core.outfile import write_bytes

from . import limits, missing, tables
from .errors import template_error
from .sandbox import SafeEnvironment
from .xmlcheck import CORE, count_paragraphs, parse_strict, visible_text

__all__ = ["CompiledTemplate", "SafeEnvironment"]

RENDERED = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml",
            "word/endnotes.xml")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
TAG = re.compile(r"\{[{%#]")
RENDERS = re.compile(r"\{[{%#_]")  # tags, and docxtpl's escaped braces "{_{", "{_%"
_IN_TAG = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})", re.DOTALL)
WP_DOCPR = qn("wp:docPr")


def _open_template(path: Path) -> bytes:
    if not path.exists():
        raise CchcError("không tìm thấy tệp mẫu", file=str(path))
    try:
        with open_regular(path) as fh:
            data = fh.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise CchcError(f"không đọc được tệp mẫu ({exc.strerror})", file=str(path)) from exc
    if len(data) > MAX_TEMPLATE_BYTES:
        raise CchcError("tệp mẫu quá lớn", file=str(path))
    if not data.startswith(b"PK"):
        raise CchcError("tệp mẫu không phải tài liệu Word (.docx) hợp lệ", file=str(path))
    # Every part inflated under the caps: docxtpl's and zipfile's own reads below
    # then cannot unpack more than the headers (now known true) say.
    infos = safezip.check(io.BytesIO(data), str(path))
    if "word/document.xml" not in {i.filename for i in infos}:
        raise CchcError("tệp mẫu không phải tài liệu Word (.docx) hợp lệ", file=str(path))
    return data


def code_in_tags(xml: str) -> str:
    """Tag text is Jinja code: undo XML escaping inside it (``&amp;`` → ``&``).

    Without this a literal ``{{ 'KH&ĐT' }}`` reaches Jinja as ``'KH&amp;ĐT'`` and
    autoescape prints "KH&amp;ĐT".
    """
    return _IN_TAG.sub(lambda m: unescape(m.group(0)), xml)


def _is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels")) or name == "[Content_Types].xml"


class CompiledTemplate:
    """A docxtpl template prepared once, rendered many times."""

    def __init__(self, path: str | Path, *, filters: Mapping | None = None,
                 compile_parts: bool = True) -> None:
        """``filters``: a CLI user's own (``--filters``); ``compile_parts=False`` only
        parses, so ``cchc template vars`` lists a template whose filters are unknown."""
        self.path = Path(path)
        self.missing_found: list[str] = []
        self.name = str(path)
        data = _open_template(self.path)
        try:
            self._tpl = DocxTemplate(io.BytesIO(data))
            self._tpl.init_docx()
        except Exception as exc:  # python-docx raises several types for broken packages
            raise CchcError("tệp mẫu bị hỏng (không phải tệp DOCX đọc được)",
                            file=self.name) from exc
        self.env = SafeEnvironment(filters=filters)
        self.text_env = SafeEnvironment(autoescape=False, filters=filters)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self._entries = [(info, zf.read(info)) for info in zf.infolist()]
        self._sources: dict[str, str] = {}
        self._properties: dict[str, str] = {}
        for info, blob in self._entries:
            self._prepare(info.filename, blob)
        self._lines = {name: src.split("\n") for name, src in self._sources.items()}
        for name, source in [*self._sources.items(), *self._properties.items()]:
            if not compile_parts:
                break
            env = self.env if name in self._sources else self.text_env
            try:
                env.from_string(source)
            except jinja2.TemplateError as exc:
                raise template_error(exc, self.name, name, self._lines.get(name, [])) from exc

    def _prepare(self, name: str, blob: bytes) -> None:
        """Keep the Jinja source of a part with tags; refuse tags where none can render."""
        if not _is_xml_part(name):
            return
        tree = parse_strict(blob, name, self.name)
        if name.startswith(RENDERED) and name.endswith(".xml"):
            source = self._tpl.patch_xml(self._tpl.xml_to_string(tree))
            if RENDERS.search(source):
                source = re.sub(r"<w:p([ >])", r"\n<w:p\1", code_in_tags(source))
                self._sources[name] = source
        elif name == CORE:
            self._core = blob
            for el in tree:
                if el.text and TAG.search(el.text) and len(el) == 0:
                    self._properties[f"{name}#{el.tag}"] = el.text
        elif name.startswith("word/") and TAG.search(visible_text(tree)):
            raise CchcError(f"phần {name} của mẫu có thẻ Jinja nhưng phần này không được "
                            "hiển thị; hãy chuyển thẻ vào thân văn bản, đầu trang, chân trang "
                            "hoặc chú thích", file=self.name)

    def variables(self) -> set[str]:
        """Top-level variables the template reads (for ``cchc template vars``)."""
        found: set[str] = set()
        for name, source in [*self._sources.items(), *self._properties.items()]:
            env = self.env if name in self._sources else self.text_env
            found |= env.variables_of(source)
        return found - set(self.env.globals)

    def _render_part(self, name: str, context: Mapping, state: limits.Budget,
                     drawing_ids: itertools.count) -> bytes:
        state.part, state.lines = name, self._lines[name]
        chunks = []
        for chunk in self.env.from_string(self._sources[name]).generate(context):
            state.emitted(len(chunk))
            chunks.append(chunk)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", "".join(chunks))
        left = TAG.search(xml)
        if left:
            around = " ".join(re.sub(r"<[^>]+>", "", xml[left.start():][:400]).split())
            raise CchcError(f"thẻ mẫu còn nguyên trong văn bản kết quả ({name}): «{around[:80]}»;"
                            " cchc không hiển thị được thẻ này", file=self.name)
        xml = (xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
               .replace("%_}", "%}"))
        xml = self._tpl.resolve_listing(xml)
        tree = parse_strict(xml.encode("utf-8"), name, self.name, generated=True)
        count_paragraphs(xml, tree, name, self.name)
        tables.fix_tables(tree)
        for drawing in tree.iter(WP_DOCPR):  # copies made by loops must not share an id
            drawing.set("id", str(next(drawing_ids)))
        return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)

    def _render_properties(self, blob: bytes, context: Mapping, state) -> bytes:
        tree = parse_strict(blob, CORE, self.name)
        for el in tree:
            key = f"{CORE}#{el.tag}"
            if key in self._properties:
                state.part, state.lines = f"{CORE} ({etree.QName(el).localname})", []
                text = self.text_env.from_string(self._properties[key]).render(context)
                limits.check_string_size(len(text), "thuộc tính tài liệu")
                el.text = text
        return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)

    def render(self, context: Mapping, *, seconds: float = limits.TIME_BUDGET,
               missing_ok: bool = False) -> bytes:
        """The rendered .docx as bytes; raises CchcError naming what went wrong.

        A value the data lacks is an error, every one named; with ``missing_ok`` (the
        CLI's ``--missing blank``) it renders empty, as docxtpl would, and the names are
        left in ``missing_found`` for the caller to warn about."""
        rendered: dict[str, bytes] = {}
        drawing_ids = itertools.count(1001)
        with limits.budget(seconds) as state:
            try:
                for name in self._sources:
                    rendered[name] = self._render_part(name, context, state, drawing_ids)
                if self._properties:
                    rendered[CORE] = self._render_properties(self._core, context, state)
            except CchcError:
                raise
            except Exception as exc:  # noqa: BLE001 - everything here runs template code
                if state.missing:
                    raise self._missing_error(state) from exc
                raise template_error(exc, self.name, state.part, state.lines) from exc
            if state.missing and not missing_ok:
                raise self._missing_error(state)
            self.missing_found = missing.summary(state.missing)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, blob in self._entries:
                zf.writestr(info.filename, rendered.get(info.filename, blob),
                            compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()

    def _missing_error(self, state: limits.Budget) -> CchcError:
        details = missing.summary(state.missing)
        names = {what for what, _part, _where in state.missing}
        return CchcError(f"mẫu dùng {len(names)} biến/trường không có trong dữ liệu",
                         file=self.name, details=details)

    def save(self, context: Mapping, target: str | Path) -> Path:
        write_bytes(target, self.render(context))
        return Path(target)
