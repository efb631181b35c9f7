"""The failover appendix: what Pacemaker does on each failure, shown to
readers from ``crm_simulate`` runs on the guide's own commands.

A page writes ``.. snippetcheck-failover::`` where the tables go. The
directive leaves a placeholder; once the build has proven the cluster
(:mod:`snippetcheck.external.simulate`), :func:`fill` replaces it with,
for the cluster the pcs commands build and for the one the crmsh input
builds: where each resource runs with every node online, and for each
scenario (a node lost, a resource's monitor failing) what the scheduler
does.
"""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

#: The configurations, in the order the appendix shows them.
TOOLS = (('pcs', 'The cluster the pcs commands build'),
         ('crmsh', 'The cluster the crmsh input builds'))


class failover(nodes.General, nodes.Element):
    """Where the failover tables go."""


def skip(translator, node):
    """A placeholder :func:`fill` did not replace shows nothing."""
    raise nodes.SkipNode


class FailoverDirective(SphinxDirective):
    """``.. snippetcheck-failover::``"""

    has_content = False

    def run(self):
        node = failover()
        self.set_source_info(node)
        return [node]


def _table(headings, rows, widths):
    table = nodes.table(classes=['snippetcheck-failover'])
    group = nodes.tgroup(cols=len(headings))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headings)
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return table


def _row(cells):
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, (list, tuple)):
            if cell:
                items = nodes.bullet_list()
                for text in cell:
                    items += nodes.list_item('', nodes.paragraph(text=text))
                entry += items
            else:
                entry += nodes.paragraph(text='nothing')
        else:
            entry += nodes.paragraph(text=str(cell))
        row += entry
    return row


def content(results):
    """The nodes of the appendix for *results*: {tool: data or None}."""
    found = []
    for tool, title in TOOLS:
        found.append(nodes.rubric(text=title))
        data = results.get(tool)
        if not data:
            found.append(nodes.paragraph(
                text='Not simulated in this build: the external checks are '
                     'off, or the pages hold no such commands.'))
            continue
        steady = data.get('steady') or {}
        found.append(nodes.paragraph(
            text='With every node online, the resources run here:'))
        found.append(_table(('Resource', 'Runs on'), [
            (rid, ', '.join(where) or 'stopped')
            for rid, where in sorted(steady.items())], (2, 3)))
        found.append(nodes.paragraph(
            text='What Pacemaker does on each failure:'))
        found.append(_table(('Scenario', 'What Pacemaker does'), [
            (scenario['title'], scenario['actions'])
            for scenario in data.get('scenarios') or ()], (2, 3)))
    return found


def fill(doctree, results):
    """Replace every failover placeholder of *doctree*."""
    for node in list(doctree.findall(failover)):
        node.replace_self(content(results))
