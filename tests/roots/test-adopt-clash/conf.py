# A glossary entry that shares its id with a card, one that shares its title
# with a card of another id, and listings that show adopted entries
project = "Wheel clashes"
extensions = ["sphinx_modelterms"]
