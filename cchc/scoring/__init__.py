"""Scoring units against a criteria set (Bộ tiêu chí), and ranking them.

A criteria set is data (``schemas/criteria.schema.json``): groups (lĩnh vực) of
criteria (tiêu chí), some split into sub-criteria (tiêu chí thành phần), each with its
maximum points and a rule. A rule is scored by a person (``manual``) or computed from
the unit's accepted record (``threshold`` over a named figure, ``mentions`` of phrases
in an outline section). This package knows records and criteria only, not the archive
or any file format: the commands read the archive, the generator writes the workbook.
"""
