"""Entry point: python run_bot.py [run|ask|chat|kb|eval|bench] ..."""

from cli.main import entry

if __name__ == "__main__":
    entry()
