"""snippetcheck: check the configuration snippets of a Sphinx guide.

Use it as a Sphinx extension (``extensions = ['snippetcheck']``) or from
the command line (``python -m snippetcheck PATH...``).
"""

__version__ = '0.1.0'


def setup(app):
    from snippetcheck import sphinxext
    return sphinxext.setup(app)
