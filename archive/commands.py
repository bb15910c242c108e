"""Commands of the archive subsystem, registered by cli.py."""

commands: list = []
