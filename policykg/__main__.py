"""Allow ``python -m policykg``."""

import sys

from .cli import main

sys.exit(main())
