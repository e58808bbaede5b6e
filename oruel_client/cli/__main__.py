"""``python -m oruel_client.cli``: the same as the ``oruel`` console script."""

import sys

from . import main

sys.exit(main())
