"""Entry point for ``python -m bot``."""

import sys

from bot.cli import main

if __name__ == "__main__":  # not when a worker process (bot/offload.py) imports it
    sys.exit(main())
