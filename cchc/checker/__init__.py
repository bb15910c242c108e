"""``cchc check``: verify any Word document against the official layout."""
