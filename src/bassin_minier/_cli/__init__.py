"""The ``bassin-minier`` command: read, check and describe convention data from a shell.

Only the entry points (the console script and ``python -m bassin_minier``) import this
package, so that ``import bassin_minier`` never pays for argparse.
"""

from __future__ import annotations

from bassin_minier._cli.commands import main

__all__ = ["main"]
