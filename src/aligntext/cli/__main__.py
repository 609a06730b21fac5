"""``python -m aligntext.cli``."""

import sys

from aligntext.cli import main

sys.exit(main())
