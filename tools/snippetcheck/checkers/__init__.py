"""The checkers: pure functions from a snippet (and its document) to findings.

Each module judges one language. ``LANGUAGES`` maps the language names of
``code-block`` to the checker and to the family its findings belong to.
"""
