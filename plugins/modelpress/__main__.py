"""``python -m modelpress`` runs the CLI."""

import sys

from modelpress._internal.cli import main

sys.exit(main())
