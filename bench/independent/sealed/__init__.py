"""Wording and unit pools used only by the sealed half (never used for tuning)."""
