"""cchc: administrative-reform inspection rounds from data.

This package holds what every part of the product shares: Vietnamese text rules,
the record contract's constants, error reporting, safe file output and the
LibreOffice bridge. The document kinds live in ``generator``, ``extractors`` and
``archive`` beside it.
"""

__version__ = "0.1.0"
