"""Commands of the extractors subsystem, registered by cli.py."""

commands: list = []
