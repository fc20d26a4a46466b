"""``python -m reader`` runs the ``duet`` command."""

import sys

from reader.cli import main

sys.exit(main())
