"""`cchc demo`: the whole example round, from the bundled data."""

commands: list = []
