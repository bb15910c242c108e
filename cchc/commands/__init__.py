"""Application commands: whole workflows that drive generator, extractors, archive and checker
together (the demo round, summaries, conclusions from the archive)."""
