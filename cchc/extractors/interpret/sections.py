"""Map the report's headings onto the outline's keys "1"…"9", "5.1"…"5.6".

Reports renumber (Roman, Arabic, letters), reword ("Về cải cách TTHC"), style
(bold, Word headings, capitals) and wrap their headings in intros and closing
paragraphs. A heading is therefore found by its shape and classified by meaning:
folded keyword phrases taken from the outline's own titles plus the synonyms
real reports use. A phrase list with no key (thể chế, tài chính công, phương
hướng) closes the previous section without opening an outline one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from cchc.core.spec import OUTLINE_KEYS, OUTLINE_TITLES
from cchc.core.vn import clean
from cchc.extractors.model import Para, Table
from cchc.extractors.text import is_upper, norm, score

KEYWORDS: dict[str | None, tuple[tuple[str, float], ...]] = {
    "1": (("chi dao dieu hanh", 4), ("lanh dao chi dao", 4), ("cong tac chi dao", 3),
          ("chi dao", 2), ("dieu hanh", 2), ("cong tac lanh dao", 3)),
    "2": (("thu tuc hanh chinh", 4), ("tthc", 4), ("mot cua", 2)),
    "3": (("to chuc bo may", 4), ("bo may", 3), ("sap xep to chuc", 2)),
    "4": (("che do cong vu", 4), ("cong vu", 3), ("can bo cong chuc", 2),
          ("chat luong doi ngu", 2)),
    "5": (("chinh quyen dien tu", 4), ("chinh phu dien tu", 4), ("chinh quyen so", 2),
          ("chuyen doi so", 3), ("hien dai hoa", 3), ("ung dung cong nghe thong tin", 2)),
    "5.1": (("phat trien chinh quyen so", 5), ("chinh quyen so", 4)),
    "5.2": (("kinh te so", 5),),
    "5.3": (("xa hoi so", 5),),
    "5.4": (("an toan an ninh mang", 5), ("an ninh mang", 4), ("an toan thong tin", 4),
            ("an toan", 1)),
    "5.5": (("dau tu", 4), ("kinh phi", 2), ("ngan sach", 2)),
    "5.6": (("iso", 5), ("quan ly chat luong", 4), ("9001", 2)),
    "6": (("nhiem vu khac", 5), ("cac nhiem vu khac", 5), ("nhiem vu do chu tich", 2),
          ("nhiem vu duoc giao", 2)),
    "7": (("khac phuc", 7), ("dot kiem tra truoc", 4), ("kiem tra truoc", 3),
          ("ket luan kiem tra", 3), ("sau kiem tra", 3), ("nam truoc", 2)),
    "8": (("uu diem", 4), ("ton tai", 3), ("han che", 3), ("kho khan", 3), ("vuong mac", 3),
          ("danh gia chung", 4), ("nguyen nhan", 1)),
    "9": (("de xuat", 4), ("kien nghi", 4), ("de nghi", 3)),
    None: (("the che", 4), ("tai chinh cong", 4), ("phuong huong", 4), ("thoi gian toi", 3),
           ("nhiem vu trong tam", 3), ("nhiem vu giai phap", 3)),
}
THRESHOLD = 3.0

_NUMBERING = re.compile(
    r"^\s*(?:(?i:phần|mục|chương)\s+)?"
    r"(?P<num>[IVXLC]{1,5}|\d{1,2}(?:[.,]\d{1,2}){0,3}|[a-zđA-ZĐ])"
    r"(?:\s*[.):/–-]\s*|(?<=\d),\s+(?=[A-ZĐÀ-Ỹ])|\s+(?=[A-ZĐÀ-Ỹa-zđ]))(?P<rest>\S.*)$",
    re.DOTALL)


# The colon before a heading's own text: not one inside a standard's number ("ISO 9001:2015")
# or a time ("8:30").
_LEAD_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# A scanned heading's number read as a mark ("?.", "º)"), its title after it.
_GARBLED_NUMBER = re.compile(r"^[^\w\s(\[+\-–•*]{1,2}\s*[.)]\s*(?P<rest>[A-ZĐÀ-Ỹ].*)$", re.DOTALL)


@dataclass
class Span:
    key: str | None
    heading: str = ""
    blocks: list = field(default_factory=list)
    lead: str = ""  # text after the heading's colon, on the heading line
    uncertain: bool = False  # keyed by a near match of the outline's title (OCR, typos)
    head: object = None  # the heading's block: where the section's evidence points


@dataclass
class Heading:
    title: str
    numbering: str | None
    lead: str
    strong: bool  # numbered, styled or "Về …": a plain bold line needs a higher score
    garbled: bool = False  # a scan's number read as a mark: only the next section counts


def as_heading(block) -> Heading | None:
    """The block's heading shape, or None when it reads as body text."""
    if not isinstance(block, Para):
        return None
    text = clean(block.text)
    if block.label and text and not _NUMBERING.match(text):
        text = f"{block.label} {text}"  # Word numbers it: the number is not in the text
    if not text or len(text) > 300 or norm(text).startswith((" thong ke ", " bieu ", " phu luc ")):
        return None
    m = _NUMBERING.match(text)
    numbering, rest = (m.group("num").replace(",", "."), m.group("rest")) if m else (None, text)
    garbled = None if m or block.conf is None else _GARBLED_NUMBER.match(text)
    if garbled:  # "?. Kiểm tra việc khắc phục …": OCR lost the digit, not the shape
        rest = garbled.group("rest")
    rest = re.sub(r"^(?:về|ve)\s+", "", rest, flags=re.IGNORECASE) if rest else rest
    starts_ve = bool(re.match(r"^(?:về)\s", text if not m else m.group("rest"), re.IGNORECASE))
    title, lead = rest, ""
    colon = _LEAD_COLON.search(rest)
    if colon and colon.start() <= 160:
        title, lead = rest[:colon.start()], rest[colon.end():].strip()
    if len(title) > (300 if numbering else 200):
        return None
    styled = block.level is not None or block.numbered or (
        lead != "" and block.bold_lead >= len(title) - 1)
    if starts_ve and numbering is None and not styled and not block.bold and not lead and (
            len(title) > 100 or title.rstrip().endswith((".", ";"))):
        return None  # "Về công tác X, Sở đã …." is a sentence, not a heading
    shaped = numbering is not None or styled or starts_ve or bool(garbled)
    if not shaped and block.conf is not None and (line := _outline_line(text)):
        title, lead, shaped, garbled = line, "", True, True
    if not shaped and not block.bold and not (is_upper(title) and len(title) >= 6):
        return None
    if not shaped and len(title) > 160:
        return None
    return Heading(title=title, numbering=numbering, lead=lead, strong=shaped,
                   garbled=bool(garbled))


def classify(title: str) -> tuple[str | None, float, dict]:
    n = norm(title)
    scores = {k: score(n, kw) for k, kw in KEYWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best, scores[best], scores


_ROMAN = re.compile(r"^[IVXLC]+$")
_CLOSING = (" tren day la ", " noi nhan ")


def numbering_level(numbering: str | None) -> int | None:
    """Rank of a numbering style: I. above 1. above 1.1. above a); None when unnumbered."""
    if not numbering:
        return None
    if _ROMAN.match(numbering):
        return 1
    if numbering.isdigit():
        return 2
    if "." in numbering:
        return 3
    return 4 if numbering.islower() else 2


def _closing(block) -> bool:
    """"Trên đây là báo cáo …", or "Nơi nhận:" as a paragraph or in the signature table."""
    if isinstance(block, Para):
        return norm(block.text).startswith(_CLOSING)
    return bool(block.rows) and any(norm(c).startswith(" noi nhan ") for c in block.rows[0])


_BARE_LABEL = re.compile(r"^\s*(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]\s*$")


def _wrapped_tail(prev, block) -> bool:
    """A numbered heading a scan read as two lines ("5.6. Xây dựng, … quản lý chất" /
    "lượng ISO 9001"): the short second line starts in lower case, as no heading,
    bullet or sentence does, and the first ends in no full stop or colon."""
    if not (isinstance(prev, Para) and isinstance(block, Para) and block.conf is not None):
        return False
    head, tail = clean(prev.text), clean(block.text)
    return (bool(tail) and len(tail) <= 60 and tail[0].islower()
            and bool(_NUMBERING.match(head)) and len(head) <= 160
            and not head.endswith((".", ":", ";")) and "\n" not in prev.text)


def join_labels(blocks) -> list:
    """A number standing alone ("V.", "1.") before its title — a PDF's hanging indent
    split the line, or the unit typed a tab — is one heading with the next paragraph."""
    out: list = []
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, Para) and isinstance(prev, Para) and _BARE_LABEL.match(prev.text) \
                and clean(block.text) and not _BARE_LABEL.match(block.text):
            out[-1] = Para(text=f"{clean(prev.text)} {clean(block.text)}", bold=block.bold,
                           level=block.level or prev.level, numbered=block.numbered,
                           bold_lead=block.bold_lead + len(clean(prev.text)) + 1
                           if block.bold_lead else 0, label=block.label,
                           page=prev.page, box=prev.box, index=prev.index, conf=prev.conf)
            continue
        out.append(block)
    return out


def split_sections(blocks) -> list[Span]:
    """Spans in order: the intro (key None) first, then one per heading found.

    Once the report's top-level sections show their numbering style, a deeper
    style ("a)" under "1.") cannot open another top-level section: it is a
    point inside the current one, whatever it talks about. A scanned line that is
    no heading may be one with its wrapped tail (``_wrapped_tail``): then both are.
    """
    blocks = join_labels(blocks)
    spans = [Span(key=None)]
    state = _State()
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _closing(block):
            spans.append(Span(key=None, blocks=list(blocks[i:])))  # the closing: no section
            break
        h, key, fuzzy = state.place(block)
        if key is False and i + 1 < len(blocks) and _wrapped_tail(block, blocks[i + 1]):
            joined = _joined(block, blocks[i + 1])
            jh, jkey, jfuzzy = state.place(joined)
            if jkey is not False:
                block, h, key, fuzzy = joined, jh, jkey, jfuzzy
                i += 1
        i += 1
        if key is False:
            spans[-1].blocks.append(block)
            continue
        state.enter(key, h)
        spans.append(Span(key=key, heading=h.title, lead=h.lead, uncertain=fuzzy, head=block))
    return spans


@dataclass
class _State:
    """What the headings met so far say about the next one."""

    seen: set = field(default_factory=set)
    in5: bool = False
    top_level: int | None = None
    last_top: str | None = None

    def place(self, block) -> tuple:
        """(heading shape or None, key — False for body —, fuzzy) of one block."""
        h = as_heading(block)
        key, fuzzy = _accept(h, self.seen, self.in5) if h else (False, False)
        if h and h.garbled and not _follows(key, self.last_top):
            key = False
        level = numbering_level(h.numbering) if h else None
        if key is False and h and level is not None and level == self.top_level:
            key = _next_in_sequence(h, self.last_top, self.seen)
            fuzzy = key is not False
        is_top = isinstance(key, str) and not key.startswith("5.")
        if is_top and self.top_level is not None and level is not None \
                and level > self.top_level:
            key = False
        return h, key, fuzzy

    def enter(self, key: str | None, h: Heading) -> None:
        level = numbering_level(h.numbering)
        if isinstance(key, str) and not key.startswith("5.") and level is not None \
                and self.top_level is None:
            self.top_level = level
        if key is not None:
            self.seen.add(key)
            self.in5 = key == "5" or key.startswith("5.")
            self.last_top = key.split(".")[0]


def _joined(head: Para, tail: Para) -> Para:
    return Para(text=f"{clean(head.text)} {clean(tail.text)}", bold=head.bold,
                level=head.level, numbered=head.numbered, label=head.label, page=head.page,
                box=head.box, index=head.index,
                conf=min(head.conf if head.conf is not None else 100.0, tail.conf))


SEQUENCE_NEAR = 0.55


def _follows(key, last_top: str | None) -> bool:
    """Whether ``key`` is the top-level section right after ``last_top``, or a part of
    5 while in 5."""
    if not isinstance(key, str) or last_top is None or not last_top.isdigit():
        return False
    if key.startswith("5."):
        return last_top == "5"
    return key.isdigit() and int(key) == int(last_top) + 1


def _outline_line(text: str) -> str | None:
    """A scanned line that is an outline title but for a mark or letter in front ("Ð Việc
    xây dựng, áp dụng hệ thống quản lý chất lượng …": OCR read "6." as "Ð"): the title."""
    lead = re.match(r"^\S{1,2}\s+(?=\S{3})", text)
    body = text[lead.end():] if lead else text
    n = norm(body).strip()
    for title in OUTLINE_TITLES.values():
        want = norm(title).strip()
        if abs(len(n) - len(want)) <= 6 and SequenceMatcher(None, n, want).ratio() >= 0.9:
            return body
    return None


def _next_in_sequence(h: Heading, last_top: str | None, seen: set):
    """A top-level heading numbered N right after the outline's section N-1 whose words
    a scan garbled ("5. Về xây dựng chính quyều điện tử, … tiayc« đổi số"): section N
    when its title still resembles the outline's; False (body) otherwise."""
    if not (h.numbering and h.numbering.isdigit() and last_top and last_top.isdigit()):
        return False
    key = str(int(h.numbering))
    if int(key) != int(last_top) + 1 or key not in OUTLINE_KEYS or key in seen:
        return False
    want = norm(OUTLINE_TITLES[key]).strip()
    n = re.sub(r"^ve ", "", norm(h.title).strip())
    ratio = SequenceMatcher(None, n[:len(want) + 6], want).ratio()
    return key if ratio >= SEQUENCE_NEAR else False


def _accept(h: Heading, seen: set, in5: bool) -> tuple:
    """(key, fuzzy): the outline key for a heading, None for a known non-outline heading,
    False for body; fuzzy when only a near match of an outline title placed it."""
    if _is_wrapper(h.title):
        return None, False
    _, _, scores = classify(h.title)
    need = THRESHOLD if h.strong else THRESHOLD + 1
    dotted5 = bool(h.numbering and re.fullmatch(r"5\.\d", h.numbering))
    if dotted5:
        key = h.numbering
        if key in OUTLINE_KEYS and key not in seen and scores.get(key, 0) > 0:
            return key, False
    candidates = {k: s for k, s in scores.items() if s >= need and k not in seen}
    if in5:
        candidates.pop("5", None)
    if not candidates:
        if any(sc >= need for sc in scores.values()):
            return False, False  # a clear title of a section already met: body, not a guess
        near = _near_title(h.title, seen, in5) if h.numbering else None
        return (near, True) if near else (False, False)
    best = max(candidates, key=lambda k: candidates[k])
    if best and best.startswith("5.") and not in5 and not dotted5 \
            and "5" not in seen and scores.get("5", 0) > 0:
        return "5", False  # "V. PHÁT TRIỂN CHÍNH QUYỀN SỐ" names the whole of 5
    return best, False


# "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH, ISO VÀ CHUYỂN ĐỔI SỐ": a part that
# wraps the outline's sections 1–7 names the whole reform first; the ISO and digital words
# after it must not make it section 5.
# A scan may garble the words between ("KẾT QUẢ THỰC HIIỆN NH¡IM VỤ CẢI CÁCH …"): up to
# six words that name no section of their own.
_WRAPPER = re.compile(r"^ (?:ket qua|tinh hinh)((?: [a-z0-9]+){0,6}) cai cach hanh chinh ")


def _is_wrapper(title: str) -> bool:
    m = _WRAPPER.match(norm(title))
    return bool(m) and classify(m.group(1))[1] < 2

NEAR = 0.85  # difflib ratio of folded titles: "chinh quy so" for "chinh quyen so"


def _near_title(title: str, seen: set, in5: bool) -> str | None:
    """A numbered heading whose words OCR or a typist garbled, placed by the outline
    title (or a keyword phrase) it is closest to, when close enough."""
    n = norm(title).strip()
    if len(n) < 6:
        return None
    best, best_ratio = None, NEAR
    for key, phrases in KEYWORDS.items():
        if key is None or key in seen or (key.startswith("5.") and not in5):
            continue
        texts = [norm(OUTLINE_TITLES[key]).strip()] + [p for p, w in phrases if w >= 4]
        for text in texts:
            ratio = max(SequenceMatcher(None, n, text).ratio(),
                        SequenceMatcher(None, n[:len(text) + 4], text).ratio())
            if ratio > best_ratio:
                best, best_ratio = key, ratio
    return best


def section_texts(spans: list[Span]) -> dict[str, str]:
    out: dict[str, str] = {}
    for span in spans:
        if span.key is None:
            continue
        parts = [span.lead] if span.lead else []
        for b in span.blocks:
            parts.append(clean(b.text) if isinstance(b, Para) else b.text())
        out[span.key] = "\n".join(p for p in parts if p)
    return {k: out[k] for k in OUTLINE_KEYS if k in out}


def body_start(blocks) -> int:
    """Index of the first block after the header, title and subtitle lines."""
    for i, block in enumerate(blocks[:20]):
        if isinstance(block, Para) and norm(block.text) in (" bao cao ",) or (
                isinstance(block, Para) and norm(block.text).startswith(" bao cao ")
                and len(block.text) < 140 and (block.bold or is_upper(block.text[:8]))):
            j = i + 1
            addressed = False  # after "Kính gửi" the title is over: a bold line is a heading
            while j < len(blocks) and isinstance(blocks[j], Para) and (
                    ((blocks[j].bold or is_upper(blocks[j].text)) and not addressed
                     and not _NUMBERING.match(clean(blocks[j].text)) and not blocks[j].label)
                    or not clean(blocks[j].text)
                    or norm(blocks[j].text).startswith((" kinh gui ", " kem theo "))
                    or clean(blocks[j].text).startswith("(")
                    or re.fullmatch(r"[\s\-–—_=*.…]*", blocks[j].text)):
                addressed = addressed or norm(blocks[j].text).startswith(" kinh gui ")
                j += 1
            return j
    return _after_header(blocks)


_HEADER_LINE = re.compile(r"^(?:s[ốô]\s*:|.{0,40},\s*ngày\b)", re.IGNORECASE)


def _after_header(blocks) -> int:
    """Without a title: skip past the header block (motto, "Số: …", the dated place)."""
    last = -1
    for i, block in enumerate(blocks[:12]):
        if isinstance(block, Table) and block.width <= 3 and i < 3:
            last = i
        elif isinstance(block, Para):
            n = norm(block.text)
            if n.startswith((" cong hoa ", " doc lap ")) or _HEADER_LINE.match(
                    clean(block.text)):
                last = i
    return last + 1
