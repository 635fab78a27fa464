"""Build the partner glossary (``_partner/``) and import its term set.

A site that links another project's terms would normally point
``modelterms_external`` at that project's published site. The showcase
ships its partner alongside, so it builds it itself, at ``config-inited``:

* the partner project is built by its own Sphinx, in a subprocess, straight
  into ``partner/`` of this build's output folder (its doctrees go to
  ``_partner/`` in this build's doctree folder); the partner's own
  incremental build makes this cheap after the first time;
* ``modelterms_external`` gets ``"partner"``: that folder, whose
  ``modelterms.json`` is read and whose pages are linked relative to the
  site's root as ``partner/...``.

Nothing is written into the source folder. The site is built straight into
the output rather than built elsewhere and copied with ``html_extra_path``:
Sphinx refuses an extra path inside the output folder, which is where the
doctree folder (the build's own scratch space) lives by default, and a
scratch folder among the sources would be shared by concurrent builds.

The value is set at ``config-inited``, before Sphinx compares the
configuration with the last build's, and is the same every time, so it
causes no rebuild. The builder is not known yet then, so non-HTML builds get
the partner's HTML pages too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx_modelterms
from sphinx.errors import ExtensionError
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

NAME = "partner"
SOURCE = "_partner"  # beside conf.py; listed in exclude_patterns

logger = logging.getLogger(__name__)


def build_partner(app: Sphinx, config: Config) -> None:
    """Build the partner site into the output and import its term set."""
    outdir = Path(app.outdir) / NAME
    # the partner imports the same sphinx_modelterms as this build
    package_root = str(Path(sphinx_modelterms.__file__).resolve().parent.parent)
    paths = [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "--quiet",
        "--no-color",
        "--builder",
        "html",
        "--doctree-dir",
        str(Path(app.doctreedir) / SOURCE),
        str(Path(app.confdir) / SOURCE),
        str(outdir),
    ]
    done = subprocess.run(  # noqa: S603 (our own command line)
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
        check=False,
    )
    if done.returncode:
        message = f"the partner glossary did not build:\n{done.stderr}"
        raise ExtensionError(message)
    for line in done.stderr.splitlines():  # its warnings count as ours
        logger.warning("partner glossary: %s", line)
    config.modelterms_external = {**config.modelterms_external, NAME: str(outdir)}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", build_partner)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
