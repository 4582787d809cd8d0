"""`python -m communitydesk` is the same as the `communitydesk` command."""

import sys

from communitydesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
