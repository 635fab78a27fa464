extensions = ["sphinx_modelterms"]
modelterms_categories = ["Training", "Safety", "Inference"]
modelterms_fields = {
    "needs_reward_model": "Needs a reward model",
    "extra_model": "Extra model at training time",
}
project = "Listings"
author = "Tests"
copyright = "2026, Tests"
version = release = "1.0"
