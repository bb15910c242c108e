"""Clean a scanned page before OCR: stamp-free grayscale, upright, level, binarised.

Everything here runs on numpy/OpenCV arrays and estimates on a downscaled copy,
because this work sits in front of every Tesseract call and must cost a small
fraction of it. Tesseract's own orientation detection (OSD, ``--psm 0``) costs as
much as reading the page, so page turns are found with projection profiles here.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SKEW_RANGE = 5.0      # degrees searched either side of level
SMALL_WIDTH = 600     # width of the copy the skew estimates run on
MARKS_DPI = 150       # resolution at which diacritics are told from letters


@dataclass
class PreparedPage:
    """A page ready for OCR.

    ``binary``: 0 = ink, 255 = paper, upright and level. ``gray``: the same page in
    gray levels, median-filtered, ruling lines whitened. ``h_lines``/``v_lines``:
    masks of the table's
    ruling lines (ink 255), used to rebuild the grid. ``text``: ``binary`` with the
    ruling lines erased (what Tesseract reads). ``turn``: degrees the page was turned
    counter-clockwise to make it upright; ``skew``: the small angle corrected.
    """

    binary: np.ndarray
    text: np.ndarray
    gray: np.ndarray
    h_lines: np.ndarray
    v_lines: np.ndarray
    dpi: int
    turn: int
    skew: float


def to_gray(rgb: np.ndarray) -> np.ndarray:
    """Gray from the red channel for colour scans: red and pink stamps vanish there.

    Office stamps and signature seals are red; in the red channel they are as light as
    paper while black print stays black. A blue signature stays dark, as it should.
    """
    if rgb.ndim == 2:
        return rgb
    return np.ascontiguousarray(rgb[:, :, 0])


def _remove_specks(ink: np.ndarray, min_area: int) -> np.ndarray:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= min_area
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def h_line_mask(ink: np.ndarray, dpi: int, min_inch: float = 0.45) -> np.ndarray:
    """Long horizontal strokes of an ink-255 image."""
    length = max(15, int(dpi * min_inch))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))


def v_line_mask(ink: np.ndarray, dpi: int) -> np.ndarray:
    """Long vertical strokes of an ink-255 image."""
    length = max(10, int(dpi * 0.22))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))


def line_masks(ink: np.ndarray, dpi: int, min_inch: float = 0.45,
               ) -> tuple[np.ndarray, np.ndarray]:
    """Long horizontal and vertical strokes (ruling lines) of an ink-255 image."""
    return h_line_mask(ink, dpi, min_inch), v_line_mask(ink, dpi)


def _profile_score(ink_small: np.ndarray, angle: float) -> float:
    h, w = ink_small.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink_small, m, (w, h), flags=cv2.INTER_NEAREST)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def _best_angle(ink_small: np.ndarray) -> tuple[float, float]:
    angles = np.arange(-SKEW_RANGE, SKEW_RANGE + 1e-6, 0.5)
    scores = [_profile_score(ink_small, a) for a in angles]
    best = float(angles[int(np.argmax(scores))])
    fine = np.arange(best - 0.4, best + 0.4 + 1e-6, 0.1)
    fine_scores = [_profile_score(ink_small, a) for a in fine]
    i = int(np.argmax(fine_scores))
    return float(fine[i]), float(fine_scores[i])


def _upright_score(ink: np.ndarray) -> float:
    """> 0 when the text is upright, < 0 when it is upside down.

    Vietnamese puts most of its marks above the letters (á â ă ê ô, the dot of i)
    and few below (ạ ẹ ọ), so in an upright page small marks sit on top of letter
    bodies far more often than under them. Digits carry no marks, so the cue comes
    from whatever words the page has, headers of a table included.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 20:
        return 0.0
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    body_h = float(np.median(heights[heights >= np.percentile(heights, 40)]))
    is_big = np.zeros(count, bool)
    is_big[1:] = (heights >= 0.6 * body_h) & (heights <= 2.0 * body_h)
    gap = max(2, int(0.5 * body_h))
    above = below = 0
    h_img = ink.shape[0]
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if h >= 0.45 * body_h or w >= 0.9 * body_h or area < 2:
            continue
        xc = x + w // 2
        down = labels[y + h:min(h_img, y + h + gap), xc]
        up = labels[max(0, y - gap):y, xc][::-1]
        hit_down = next((v for v in down if v), 0)
        hit_up = next((v for v in up if v), 0)
        if hit_down and is_big[hit_down] and not (hit_up and is_big[hit_up]):
            above += 1
        elif hit_up and is_big[hit_up] and not (hit_down and is_big[hit_down]):
            below += 1
    total = above + below
    return 0.0 if total == 0 else (above - below) / total


def _level_text(ink: np.ndarray, dpi: int) -> tuple[float, np.ndarray]:
    """(skew, levelled ink without ruling lines) for one candidate orientation."""
    angle, _ = _best_angle(ink)
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    level = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
    hl, vl = line_masks(level, dpi, 0.3)
    lines = cv2.bitwise_or(cv2.dilate(hl, np.ones((5, 9), np.uint8)),
                           cv2.dilate(vl, np.ones((9, 5), np.uint8)))
    return angle, _remove_specks(cv2.subtract(level, lines), 3)


def orientation(smooth: np.ndarray, dpi: int) -> tuple[int, float]:
    """(turn, skew): counter-clockwise degrees to turn the page, then to rotate it.

    Both the page and the page turned a quarter are levelled; the one whose rows
    of text (ruling lines removed) give the sharper profile is the reading
    direction, and the marks above/below the letters settle up from down.
    All of it runs on reduced copies of the (median-filtered) gray page.
    """
    m_scale = min(1.0, MARKS_DPI / dpi)
    marks = cv2.resize(smooth, None, fx=m_scale, fy=m_scale, interpolation=cv2.INTER_AREA)
    s_scale = min(1.0, SMALL_WIDTH / max(marks.shape))
    small = cv2.resize(marks, None, fx=s_scale, fy=s_scale, interpolation=cv2.INTER_AREA)
    ink = _ink_of(small)
    small_dpi = max(40, int(dpi * m_scale * s_scale))
    angle0, text0 = _level_text(ink, small_dpi)
    angle90, text90 = _level_text(cv2.rotate(ink, cv2.ROTATE_90_CLOCKWISE), small_dpi)
    if _profile_score(text90, 0) > _profile_score(text0, 0) * 1.15:
        turn, angle = 270, angle90
    else:
        turn, angle = 0, angle0
    if _upright_score(_marks_view(marks, int(dpi * m_scale), turn, angle)) < 0:
        turn = (turn + 180) % 360
    return turn, angle


def _ink_of(gray: np.ndarray) -> np.ndarray:
    """Ink = 255 at the gray image's Otsu level."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _marks_view(marks: np.ndarray, dpi: int, turn: int, angle: float) -> np.ndarray:
    """Levelled text ink at MARKS_DPI, ruling lines removed."""
    ink = _ink_of(_rotate(_turn(marks, turn), angle))
    hl, vl = line_masks(ink, dpi)
    lines = cv2.dilate(cv2.bitwise_or(hl, vl), np.ones((3, 3), np.uint8))
    return cv2.subtract(ink, lines)


def _turn(image: np.ndarray, turn: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_CLOCKWISE}
    return cv2.rotate(image, codes[turn]) if turn else image


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def ruling_lines(smooth: np.ndarray, otsu: float, dpi: int,
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Ruling-line masks from a lighter threshold than the text's.

    Thin table borders come out of a JPEG scan gray and broken at the Otsu level;
    at a light threshold and after closing small gaps they are whole again. Thick
    parts (words the closing merged into blocks) are then taken out again.
    """
    light = np.where(smooth < (otsu + 255) / 2, 255, 0).astype(np.uint8)
    gap = max(3, dpi // 50)
    thick = max(5, dpi // 30)
    h = h_line_mask(cv2.morphologyEx(light, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8)), dpi)
    v = v_line_mask(cv2.morphologyEx(light, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8)), dpi)
    h_block = cv2.morphologyEx(h, cv2.MORPH_OPEN, np.ones((thick, 1), np.uint8))
    v_block = cv2.morphologyEx(v, cv2.MORPH_OPEN, np.ones((1, thick), np.uint8))
    return _without_baselines(cv2.subtract(h, h_block), light, dpi), cv2.subtract(v, v_block)


def _without_baselines(h: np.ndarray, light: np.ndarray, dpi: int) -> np.ndarray:
    """The horizontal strokes less the bottoms of a run of letters the closing joined
    ("904.000.000": the zeros' bottoms and the dots make one stroke an inch long).
    Erased as a rule, it took the amount out of the words. A rule has white above
    it, but for what crosses it; such a stroke has its letters' sides standing on it
    over most of its length."""
    contours, _ = cv2.findContours(h, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    above = max(3, dpi // 50)
    drop = []
    for contour in contours:
        x, y, w, _h = cv2.boundingRect(contour)
        if w >= 2 * dpi or y < above:
            continue
        band = light[y - above:y, x:x + w] > 0
        if band.any(axis=0).mean() > 0.4:
            drop.append(contour)
    if not drop:
        return h
    out = h.copy()  # contours, not labels: a page-sized labelling costs more than the rest
    cv2.drawContours(out, drop, -1, 0, thickness=cv2.FILLED)
    return out


def component_boxes(mask: np.ndarray) -> list[tuple[int, int, int, int, tuple[int, int]]]:
    """(x, y, w, h, one pixel) of each 8-connected component of an ink-255 mask.

    The outer contours give the same boxes as connectedComponentsWithStats at a
    fraction of its cost on a sparse page-sized mask (ruling lines): every
    component has exactly one outer boundary at the top level of RETR_CCOMP, also
    one lying inside another's hole.
    """
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    boxes = []
    for contour, (_next, _prev, _child, parent) in zip(contours, hierarchy[0], strict=True):
        if parent < 0:
            x, y, w, h = cv2.boundingRect(contour)
            px, py = contour[0][0]
            boxes.append((x, y, w, h, (int(px), int(py))))
    return boxes


def _table_sized(h: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The parts of rule masks that join into a frame a table could be (a third of the
    page wide, a twenty-fifth high), as ``ocr_table`` looks for tables."""
    frame = cv2.dilate(cv2.bitwise_or(h, v), np.ones((5, 5), np.uint8))
    height, width = frame.shape
    big = [pixel for x, y, w, box_h, pixel in component_boxes(frame)
           if w > 0.3 * width and box_h > 0.04 * height]
    if not big:
        return np.zeros_like(h), np.zeros_like(v)
    _count, labels = cv2.connectedComponents(frame, connectivity=8)
    keep = np.isin(labels, [labels[py, px] for px, py in big])
    return np.where(keep, h, 0).astype(np.uint8), np.where(keep, v, 0).astype(np.uint8)


def prepare(rgb: np.ndarray, dpi: int, turn: int | None = None) -> PreparedPage:
    """The page upright and levelled; ``turn`` overrides the detected quarter turn
    (the skew is measured either way: a half turn does not change it)."""
    gray = to_gray(rgb)
    smooth = cv2.medianBlur(gray, 3)   # salt noise and JPEG speckle
    found, skew = orientation(smooth, dpi)
    turn = found if turn is None else turn
    smooth = _rotate(_turn(smooth, turn), skew)
    otsu, binary = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # Rules from the filtered page, and the tables' rules from the unfiltered one too:
    # the median filter that clears specks for the text also erases a one-pixel rule (a
    # thin table border at 200 dpi). Unfiltered rules count only where they make a
    # table-sized frame, so the faint border of a stamp over the header is not taken
    # for a rule and cut out of the words under it.
    h, v = ruling_lines(smooth, otsu, dpi)
    h_raw, v_raw = _table_sized(*ruling_lines(_rotate(_turn(gray, turn), skew), otsu, dpi))
    h, v = cv2.bitwise_or(h, h_raw), cv2.bitwise_or(v, v_raw)
    lines = cv2.dilate(cv2.bitwise_or(h, v), np.ones((5, 5), np.uint8))
    text = cv2.max(binary, lines)
    soft = cv2.max(smooth, lines)
    return PreparedPage(binary=binary, text=text, gray=soft, h_lines=h, v_lines=v, dpi=dpi,
                        turn=turn, skew=skew)
