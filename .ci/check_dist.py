"""Build the sdist and the wheel and check them as a user would meet them.

1. ``python -m build`` makes both; ``twine check --strict`` reads their
   metadata as the package index would.
2. The wheel must hold the package's data (stylesheet, script, message
   catalogs, JSON schemas, ``py.typed``), the licence and the ``termcheck``
   entry point; the sdist must hold the tests and the showcase.
3. The wheel alone goes into a fresh virtual environment, which then builds
   a small project as HTML and runs ``-b termcheck`` on one that does not list
   the extension (found through the entry point).

Run from the repository's root: ``python .ci/check_dist.py``.  Exits non-zero
on the first failure, saying what is missing.
"""

from __future__ import annotations

import configparser
import json
import subprocess
import sys
import tarfile
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WHEEL_FILES = [
    "sphinx_modelterms/__init__.py",
    "sphinx_modelterms/py.typed",
    "sphinx_modelterms/static/modelterms.css",
    "sphinx_modelterms/static/modelterms.js",
    "sphinx_modelterms/locale/sphinx_modelterms.pot",
    "sphinx_modelterms/locale/fr/LC_MESSAGES/sphinx_modelterms.po",
    "sphinx_modelterms/locale/fr/LC_MESSAGES/sphinx_modelterms.mo",
    "sphinx_modelterms/schemas/term-file.schema.json",
    "sphinx_modelterms/schemas/modelterms.schema.json",
]
SDIST_FILES = [
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    ".readthedocs.yaml",
    "tests/conftest.py",
    "tests/roots/test-entrypoint/conf.py",
    "tests/roots/test-basic/conf.py",
    "example_docs/conf.py",
    "example_docs/index.rst",
    "sphinx_modelterms/py.typed",
]


def run(*args: str | Path, cwd: Path = ROOT) -> str:
    print("$", " ".join(str(a) for a in args), flush=True)
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, text=True, capture_output=True, check=False
    )
    if done.returncode:
        sys.exit(f"failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def require(names: set[str], expected: list[str], what: str) -> None:
    missing = [name for name in expected if name not in names]
    if missing:
        sys.exit(f"{what} lacks: {', '.join(missing)}")
    print(f"{what}: the {len(expected)} expected files are there")


def check_wheel(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        dist_info = next(n.split("/")[0] for n in names if ".dist-info/" in n)
        require(
            names,
            [*WHEEL_FILES, f"{dist_info}/licenses/LICENSE"],
            wheel.name,
        )
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
        metadata = archive.read(f"{dist_info}/METADATA").decode()
    parser = configparser.ConfigParser()
    parser.read_string(entry_points)
    if parser.get("sphinx.builders", "termcheck", fallback="") != "sphinx_modelterms":
        sys.exit(f"no termcheck builder entry point in {wheel.name}:\n{entry_points}")
    for line in ("License-Expression: MIT", "Classifier: Typing :: Typed"):
        if line not in metadata.splitlines():
            sys.exit(f"{wheel.name} metadata lacks {line!r}")
    if any(n.startswith(("tests/", "example_docs/")) for n in names):
        sys.exit(f"{wheel.name} holds the tests or the showcase")


def check_sdist(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {n.removeprefix(f"{top}/") for n in archive.getnames()}
    require(names, SDIST_FILES, sdist.name)
    built = [n for n in names if "/_build/" in n or "__pycache__" in n]
    if built:
        sys.exit(f"{sdist.name} holds build output: {built[:5]}")


def check_installed(wheel: Path, work: Path) -> None:
    env = work / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", str(wheel))
    # html: the extension listed in conf.py, as a user's project has it
    project = work / "project"
    project.mkdir()
    (project / "conf.py").write_text('extensions = ["sphinx_modelterms"]\n')
    source = ROOT / "tests" / "roots" / "test-entrypoint" / "index.rst"
    (project / "index.rst").write_text(source.read_text("utf8"), "utf8")
    html = work / "html"
    run(python, "-m", "sphinx", "-q", "-b", "html", project, html)
    page = (html / "index.html").read_text("utf8")
    for needle in ('class="mt-card', 'role="tooltip"', "modelterms.js"):
        if needle not in page:
            sys.exit(f"the installed wheel's HTML lacks {needle!r}")
    for static in ("modelterms.css", "modelterms.js"):
        if not (html / "_static" / static).is_file():
            sys.exit(f"the installed wheel's build lacks _static/{static}")
    # termcheck: the extension not listed, found through the entry point
    report = work / "termcheck"
    run(
        python,
        "-m",
        "sphinx",
        "-q",
        "-b",
        "termcheck",
        ROOT / "tests" / "roots" / "test-entrypoint",
        report,
    )
    data = json.loads((report / "termcheck.json").read_text("utf8"))
    if [f["text"] for f in data["failed-reference"]] != ["nonexistent-thing"]:
        sys.exit(f"unexpected termcheck report: {data}")
    print("the wheel, installed alone, builds html and termcheck")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dist = work / "dist"
        run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
        wheels = sorted(dist.glob("*.whl"))
        sdists = sorted(dist.glob("*.tar.gz"))
        if len(wheels) != 1 or len(sdists) != 1:
            sys.exit(f"expected one wheel and one sdist, got {wheels + sdists}")
        print(run(sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists))
        check_wheel(wheels[0])
        check_sdist(sdists[0])
        check_installed(wheels[0], work)


if __name__ == "__main__":
    main()
