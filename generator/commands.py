"""Commands of the generator subsystem, registered by cli.py."""

commands: list = []
