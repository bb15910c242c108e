"""A phone photo of a page made flat: the page cut from the desk, its perspective undone,
its uneven light evened out, before it is read like a scanned page.

A scanner gives the page edge to edge, square and evenly lit; a phone gives the page as a
lighter four-sided shape on a darker desk, narrower at the far end, with a shadow across
it. Read as it is, the slant bends every row and column of the statistics table and the
two header columns run into each other. The page is found as the largest light
quadrilateral; only one that leaves a clear margin of desk counts (a scan's page fills its
image), so scans pass through untouched.
"""

from __future__ import annotations

import cv2
import numpy as np

A4_INCHES = (8.27, 11.69)
DETECT_SIDE = 1000  # pixels of the long side the page outline is looked for at
PAGE_SHARE = (0.25, 0.92)  # of the image a photographed page covers
LIGHT_KERNEL = 41  # wider than any letter stroke: what is left is the paper's light


def page_corners(gray: np.ndarray) -> np.ndarray | None:
    """The page's four corners (top-left, top-right, bottom-right, bottom-left) in the
    image's pixels, or None when no page stands out from a background."""
    scale = min(1.0, DETECT_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (7, 7), 0)
    _, paper = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((25, 25), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(outline) / float(small.shape[0] * small.shape[1])
    if not PAGE_SHARE[0] <= share <= PAGE_SHARE[1]:
        return None
    quad = cv2.approxPolyDP(outline, 0.02 * cv2.arcLength(outline, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    return _ordered(quad.reshape(4, 2).astype(np.float32) / scale)


def _ordered(points: np.ndarray) -> np.ndarray:
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.float32([points[sums.argmin()], points[diffs.argmin()],
                       points[sums.argmax()], points[diffs.argmax()]])


def even_light(rgb: np.ndarray) -> np.ndarray:
    """Divide out the paper's light (a shadow, a lamp on one side), channel by channel."""
    out = np.empty_like(rgb)
    kernel = np.ones((LIGHT_KERNEL, LIGHT_KERNEL), np.uint8)
    for c in range(rgb.shape[2]):
        channel = rgb[:, :, c]
        light = cv2.GaussianBlur(cv2.morphologyEx(channel, cv2.MORPH_CLOSE, kernel), (0, 0), 15)
        out[:, :, c] = cv2.divide(channel, np.maximum(light, 1), scale=255)
    return out


def flatten(rgb: np.ndarray, dpi: float) -> tuple[np.ndarray, float, bool]:
    """(page, its dpi, whether it was a photo). The dpi of a flattened page is that of an
    A4 sheet as wide as the page came out: the photo's own size says nothing of it."""
    corners = page_corners(np.ascontiguousarray(rgb[:, :, 0]))
    if corners is None:
        return rgb, dpi, False
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    flat = cv2.warpPerspective(rgb, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    return even_light(flat), min(width, height) / A4_INCHES[0], True
