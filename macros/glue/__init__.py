"""The MkDocs glue: hooks.py (MkDocs' hooks) and env.py (mkdocs-macros' define_env). The only code that imports MkDocs."""
