"""Entry point of the PyInstaller bundle: the same ``main`` as the ``duet`` console script."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
