"""``.. snippetcheck-catalogue::`` renders every check with its examples.

The examples become literal blocks without snippetcheck's marker, so the
wrong forms shown here are not themselves reported.
"""

from docutils import nodes
from docutils.parsers.rst import Directive

from snippetcheck import catalogue

TITLES = {
    'markup': 'Markup and general',
    'ini': 'ini files',
    'haproxy': 'haproxy.cfg',
    'pcs': 'pcs commands',
    'crmsh': 'crmsh configuration',
    'python': 'Python',
    'yaml': 'YAML',
}


class CatalogueDirective(Directive):
    has_content = False

    def run(self):
        result = []
        for family in catalogue.FAMILIES:
            checks = [c for c in catalogue.CHECKS if c.family == family]
            if not checks:
                continue
            result.append(nodes.rubric(text=TITLES.get(family, family)))
            items = nodes.definition_list()
            for check in checks:
                items += self._item(check)
            result.append(items)
        return result

    def _item(self, check):
        term = nodes.term('', '')
        term += nodes.literal(text=check.code)
        term += nodes.Text(f' ({check.family})')
        body = nodes.definition()
        body += nodes.paragraph(text=check.summary)
        where = f' (in {check.file})' if check.file else ''
        for label, text in (('Wrong', check.wrong), ('Right', check.right)):
            body += nodes.paragraph(text=f'{label}{where}:')
            block = nodes.literal_block(text, text)
            block['language'] = check.language
            body += block
        item = nodes.definition_list_item('', term, body)
        item['ids'].append(nodes.make_id(f'snippetcheck-{check.code}'))
        return item
