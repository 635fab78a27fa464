extensions = ["myst_parser", "sphinx_modelterms"]
myst_enable_extensions = ["colon_fence"]
modelterms_fields = {"needs_reward_model": "Needs a reward model"}
