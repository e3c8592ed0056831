"""``python -m modelpress`` runs the CLI."""

import sys

from modelpress.cli import main

sys.exit(main())
