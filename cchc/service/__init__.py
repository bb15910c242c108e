"""``cchc serve``: the HTTP API and web pages for office staff."""
