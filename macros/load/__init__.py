"""Loading and checking: YAML read safely, the schema, the guide's data, the records, personal details, the project.

Imports only macros.base; never a page module, never MkDocs.
"""
