"""Independent corpus of unit self-reports for bench/accuracy.py (issue 11).

Written from the 2023 Bắc Giang outline and the record contract alone, without reading
the extractor, so that measuring on it measures the extractor's skill, not its corpus.
"""
