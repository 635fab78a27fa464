extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_term_files = ["data/*.yaml", "data/*.toml", "data/*.json"]
modelterms_fields = {"needs_reward_model": "Needs a reward model"}
modelterms_categories = ["Training", "Safety", "Inference"]
