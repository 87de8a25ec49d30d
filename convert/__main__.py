"""``python -m convert``: the same as the ``pubconvert`` command."""

from convert.cli import main

raise SystemExit(main())
