"""Pages and published files, one module per page family, made from the loaded project as HTML strings.

Imports macros.base and macros.load; never MkDocs.
"""
