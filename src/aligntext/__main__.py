"""``python -m aligntext``."""

import sys

from aligntext.cli import main

sys.exit(main())
