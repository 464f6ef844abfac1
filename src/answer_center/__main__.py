"""``python -m answer_center``: the same command line as ``answer-center``."""

import sys

from answer_center.cli import main

sys.exit(main())
