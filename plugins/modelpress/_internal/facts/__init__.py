"""Facts in prose: values bound to the records, model names linked, misspellings and
contradicted numbers flagged.

Core code: no MkDocs here. The records plugin renders bound values
(``on_page_markdown``); :func:`modelpress._internal.facts.check.check_facts` is a page check.
"""
