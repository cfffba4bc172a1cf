"""The guide's pipeline: load and validate the YAML data, render it, and the thin MkDocs glue.

Everything here except hooks.py and main.py is plain Python that never imports MkDocs.
"""
