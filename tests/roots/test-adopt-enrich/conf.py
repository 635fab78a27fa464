# A small glossary whose entries a term file enriches by id, and a card
# whose title is also the title of a glossary entry
project = "Spoke and Sprocket, enriched"
extensions = ["sphinx_modelterms"]
modelterms_term_files = ["enrich.yaml"]
modelterms_categories = ["Drivetrain", "Wheels"]
