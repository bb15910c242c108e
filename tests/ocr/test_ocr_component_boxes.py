"""component_boxes gives connectedComponentsWithStats' boxes, nested frames included."""

from __future__ import annotations

import cv2
import numpy as np

from cchc.extractors.ocr.prep import component_boxes


def test_boxes_equal_the_labelled_components_also_inside_a_frame():
    rng = np.random.default_rng(3)
    for _ in range(100):
        mask = np.zeros((160, 240), np.uint8)
        cv2.rectangle(mask, (2, 2), (237, 157), 255, 1)          # a frame around everything
        for _ in range(int(rng.integers(0, 25))):
            x, y = int(rng.integers(0, 240)), int(rng.integers(0, 160))
            if rng.integers(0, 2):
                cv2.rectangle(mask, (x, y), (x + int(rng.integers(1, 90)),
                                             y + int(rng.integers(1, 60))), 255, 1)
            else:
                mask[y, x] = 255
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        boxes = component_boxes(mask)
        assert sorted(b[:4] for b in boxes) == sorted(
            tuple(int(v) for v in stats[i, :4]) for i in range(1, count))
        for x, y, w, h, (px, py) in boxes:   # the pixel is one of that component's
            assert tuple(int(v) for v in stats[labels[py, px], :4]) == (x, y, w, h)


def test_an_empty_mask_has_no_components():
    assert component_boxes(np.zeros((10, 10), np.uint8)) == []
