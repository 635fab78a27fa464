project = "Links"
extensions = ["sphinx_modelterms"]
modelterms_card_graph = True
