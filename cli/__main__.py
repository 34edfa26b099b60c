"""`python -m cli ...`: the same command line as run_bot.py."""

from cli.main import entry

entry()
