"""``python -m newsquotes.spark`` and ``spark-submit .../newsquotes/spark/__main__.py``."""

import sys

# Absolute import: spark-submit runs this file as a script, outside its package.
from newsquotes.spark import main

if __name__ == "__main__":
    sys.exit(main())
