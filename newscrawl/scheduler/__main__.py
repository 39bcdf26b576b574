"""`python -m newscrawl.scheduler` is `newscrawl-scheduler`."""

import sys

from newscrawl.scheduler.cli import main

sys.exit(main())
