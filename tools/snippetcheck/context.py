"""What one snippet knows about the document around it."""

import dataclasses
import os

from snippetcheck.options import sources


@dataclasses.dataclass
class Snippet:
    """A code block lifted out of a document, ready to be checked.

    ``line`` is the line of the document on which the block's first line
    stands (1-based); ``filename`` is the configuration file the block
    shows, when the document names one, and ``filename_from`` where it
    does (see :func:`snippetcheck.blocks.file_of`); ``alternative`` the
    reason a block gives for showing an alternative to the deployment the
    pages build together (empty for most blocks); ``fragment_section``
    the section the document names for the options an ini block shows
    before its first header (see :func:`snippetcheck.blocks.
    fragment_section`; empty: [DEFAULT]); ``prompts`` the
    project's own prompts ((expression, name or None), ...; see
    :mod:`snippetcheck.console`).
    """

    language: str
    text: str
    source: str = ''
    line: int = 1
    filename: str = ''
    ignore: frozenset = frozenset()
    ignore_reason: str = ''
    alternative: str = ''
    filename_from: str = ''
    prompts: tuple = ()
    fragment_section: str = ''

    @property
    def lines(self):
        return self.text.split('\n')

    @property
    def basename(self):
        return os.path.basename(self.filename)


@dataclasses.dataclass
class DocumentContext:
    """State that flows from one snippet to the next in reading order.

    ``release`` is the OpenStack release whose options ini snippets are
    checked against. ``resources`` maps a cluster resource id to what
    created it (for example ``primitive`` or ``clone``), so a constraint in
    a later block can be checked against the resources the document has
    created. ``crm_ids`` holds every id crmsh elements defined (constraints
    too), apart from ``resources``, which pcs fills as well: a page often
    shows the pcs and the crmsh way of making the same resource.
    """

    resources: dict = dataclasses.field(default_factory=dict)
    release: str = sources.DEFAULT_RELEASE
    crm_ids: dict = dataclasses.field(default_factory=dict)

    def define(self, name, kind):
        self.resources[name] = kind

    def knows(self, name):
        return name in self.resources
