"""Entry point: python run_bot.py [run|ask|chat|kb|eval|bench] ..."""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
