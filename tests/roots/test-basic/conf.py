extensions = ["sphinx_modelterms"]
modelterms_fields = {"needs_reward_model": "Needs a reward model"}
