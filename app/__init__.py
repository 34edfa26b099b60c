"""Services both front ends (the Telegram bot and the command line) use; no telegram, no argparse."""
