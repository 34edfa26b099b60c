"""A Bot API on loopback for `bench` and the tests: a fake server, update builders, a bot runner, a load generator.

Nothing here talks to Telegram; the fake server validates requests the way Telegram does.
"""
