"""``python -m legplan``: the same as the ``legplan`` command."""

from __future__ import annotations

import sys

from legplan.cli import main

if __name__ == "__main__":
    sys.exit(main())
