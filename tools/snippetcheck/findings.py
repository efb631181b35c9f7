"""What a check reports: a code, a line inside the snippet and a message."""

import dataclasses


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a snippet.

    ``line`` counts from 1 at the snippet's first line, so the glue adds it
    to the line where the snippet starts in its document.
    """

    line: int
    code: str
    message: str

    def render(self):
        return f'{self.code} {self.message}'
