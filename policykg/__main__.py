"""Allow ``python -m policykg``; Ctrl-C while the command line is still loading exits 130 too."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:
    print("policykg: interrupted while starting; nothing was written.", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
