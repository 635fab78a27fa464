project = "Titles"
extensions = ["sphinx_modelterms"]
modelterms_term_files = ["data/*.yaml"]
modelterms_jsonld_faq = True
