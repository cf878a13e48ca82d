import sys

from modules.cli import main

sys.exit(main())
