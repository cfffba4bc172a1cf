"""The guide's pipeline, in layers, each importing only those before it:

- base: text helpers, addresses, ids and problems;
- load: YAML, schema, guide data, records, personal details and the project, checked;
- pages: one module per page family, made from the loaded project;
- glue: the MkDocs hooks and macros, the only code that knows MkDocs.
"""
