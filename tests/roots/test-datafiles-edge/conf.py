import os

extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_term_files = [
    # an absolute pattern inside the source folder, as projects often write it
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "*.yaml"),  # noqa: PTH100, PTH118, PTH120
    "data/*.json",
    "data/*.toml",
    "/nowhere/*.yaml",
    "data/../../*.yaml",
]
