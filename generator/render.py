"""Render docxtpl templates safely, and fast when many documents share one template.

Plain docxtpl reloads the package, re-patches the XML, recompiles the Jinja
template and re-serialises every part for each document. ``CompiledTemplate``
does all of that once and per document only renders the Jinja parts and zips
them with the untouched parts' bytes. The patching and post-processing steps are
docxtpl's own methods, so a template renders the same text either way.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import jinja2
import jinja2.meta
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from cchc import safezip, vn
from cchc.errors import CchcError
from cchc.infile import open_regular
from cchc.outfile import write_bytes

JINJA_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


class SafeEnvironment(SandboxedEnvironment):
    """Sandboxed, autoescaping, strict Jinja that compiles each source once.

    Autoescape makes "R&D <b>" print as typed instead of breaking the XML; strict
    undefined turns a misspelt variable into an error instead of an empty gap.
    """

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined)
        self._compiled: dict[str, jinja2.Template] = {}
        self.filters.update(vn_date=vn.format_date, vn_number=vn.format_number,
                            vn_percent=vn.format_percent, short_date=vn.short_date)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        if globals or template_class:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = super().from_string(source)
        return template


_UNDEFINED = re.compile(r"^'(?P<var>[^']+)' is undefined$")
_NO_ATTR = re.compile(r"^'(?P<obj>[^']+)' has no attribute '(?P<attr>[^']+)'$")


def _undefined_message(text: str) -> str:
    """Jinja says "'x' is undefined" in English; say which variable in Vietnamese."""
    m = _UNDEFINED.match(text or "")
    if m:
        return f"mẫu dùng biến '{m['var']}' nhưng dữ liệu không có biến này"
    m = _NO_ATTR.match(text or "")
    if m:
        return f"mẫu dùng trường '{m['attr']}' nhưng dữ liệu không có trường này"
    return f"mẫu dùng biến không có trong dữ liệu ({text})"


def _template_error(exc: Exception, name: str) -> CchcError:
    if isinstance(exc, jinja2.UndefinedError):
        return CchcError(_undefined_message(exc.message), file=name)
    if isinstance(exc, SecurityError):
        return CchcError(f"mẫu gọi thao tác không được phép: {exc}", file=name)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return CchcError(f"mẫu có lỗi cú pháp Jinja: {exc.message}", file=name)
    return CchcError(f"không hiển thị được mẫu: {exc}", file=name)


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


class CompiledTemplate:
    """A docxtpl template prepared once, rendered many times."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = str(path)
        data = _open_template(self.path)
        try:
            self._tpl = DocxTemplate(io.BytesIO(data))
            self._tpl.init_docx()
        except Exception as exc:  # python-docx raises several types for broken packages
            raise CchcError(f"tệp mẫu bị hỏng: {exc}", file=self.name) from exc
        self.env = SafeEnvironment()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self._entries = [(info, zf.read(info)) for info in zf.infolist()]
        parts = {str(p.partname).lstrip("/"): p for p in self._tpl.docx.part.package.iter_parts()}
        self._sources: dict[str, tuple[str, object]] = {}
        for info, blob in self._entries:
            if info.filename.startswith(JINJA_PARTS) and info.filename.endswith(".xml"):
                text = blob.decode("utf-8")
                if "{{" in text or "{%" in text or "{_" in text:
                    xml = self._tpl.xml_to_string(etree.fromstring(blob))
                    self._sources[info.filename] = (self._tpl.patch_xml(xml),
                                                    parts.get(info.filename))
        try:
            for source, _part in self._sources.values():
                self.env.from_string(source)
        except jinja2.TemplateError as exc:
            raise _template_error(exc, self.name) from exc

    def variables(self) -> set[str]:
        """Top-level variables the template reads (for ``cchc template vars``)."""
        found: set[str] = set()
        for source, _part in self._sources.values():
            found |= jinja2.meta.find_undeclared_variables(self.env.parse(source))
        return found - set(self.env.globals)

    def _render_part(self, source: str, part, context: Mapping) -> bytes:
        xml = self._tpl.render_xml_part(source, part, context, self.env)
        tree = self._tpl.fix_tables(xml)
        self._tpl.fix_docpr_ids(tree)
        return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)

    def render(self, context: Mapping) -> bytes:
        """The rendered .docx as bytes."""
        if any(isinstance(v, InlineImage) for v in context.values()):
            return self._render_with_docxtpl(context)
        self._tpl.docx_ids_index = 1000
        try:
            rendered = {name: self._render_part(src, part, context)
                        for name, (src, part) in self._sources.items()}
        except jinja2.TemplateError as exc:
            raise _template_error(exc, self.name) from exc
        except etree.XMLSyntaxError as exc:
            raise CchcError(f"mẫu sinh ra XML hỏng: {exc}", file=self.name) from exc
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, blob in self._entries:
                zf.writestr(info.filename, rendered.get(info.filename, blob),
                            compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()

    def _render_with_docxtpl(self, context: Mapping) -> bytes:
        """Images add parts to the package: let docxtpl do those."""
        tpl = DocxTemplate(self.path)
        try:
            tpl.render(dict(context), jinja_env=self.env, autoescape=True)
        except jinja2.TemplateError as exc:
            raise _template_error(exc, self.name) from exc
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    def save(self, context: Mapping, target: str | Path) -> Path:
        write_bytes(target, self.render(context))
        return Path(target)
