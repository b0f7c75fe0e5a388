"""``python -m bassin_minier``: the same command as the ``bassin-minier`` script."""

from bassin_minier._cli import main

raise SystemExit(main())
