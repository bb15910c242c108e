"""Commands of the checker subsystem, registered by cli.py."""

commands: list = []
