import sys

from snippetcheck.cli import main

sys.exit(main())
