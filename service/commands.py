"""Commands of the service subsystem, registered by cli.py."""

commands: list = []
