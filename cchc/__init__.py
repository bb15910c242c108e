"""cchc: administrative-reform inspection rounds from data.

Each folder here is one room of the product and its import name: ``core`` (what
every part shares), ``schemas``, ``templates`` and ``examples`` (data), ``generator``,
``extractors``, ``checker`` and ``archive`` (the work), ``commands`` and ``service``
(the uses), and ``cli`` on top. ``pyproject.toml`` writes the layers down.
"""

__version__ = "0.1.0"
