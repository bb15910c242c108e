"""One module per rule family; each exposes ``check(model, lay)`` yielding findings."""

from . import fonts, header, page, signature, title_body

FAMILIES = (page, fonts, header, title_body, signature)
