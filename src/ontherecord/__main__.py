"""``python -m ontherecord``: see :mod:`ontherecord.cli`."""

import sys

from ontherecord.cli import main

sys.exit(main())
