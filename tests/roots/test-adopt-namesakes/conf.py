# Glossary entries on two pages whose titles differ but slug alike: Sphinx
# takes them for distinct terms and warns about none of them
project = "Namesakes"
extensions = ["sphinx_modelterms"]
