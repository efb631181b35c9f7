"""axe-core on every page of the guide, on a desktop and on a phone.

axe-core (the npm package, pinned in tests/e2e/package-lock.json) is
loaded from its file into each page and run with its default rules
(WCAG 2.0/2.1 A and AA, and its best practices). Two runs a page:

- the guide's own part of the page (the article, and what the guide adds
  to the theme's title row) must have no violation at all;
- the rest is openstackdocstheme's chrome (header, sidebar, footer): what
  axe finds there is reported in the test output and as a warning, by
  rule, without failing the test. It is the theme's to fix.
"""

import collections
import warnings

import pytest

from tests import guide
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.conftest import at_width
from tests.e2e.conftest import url_of

#: The guide's own part of each page: the article (the theme's
#: div.docs-body role="main"), and the link to the guide's search page in
#: the title row (_templates/titlerow.html).
OWN = ('.docs-body', '.guide-search-link')

#: Every page a reader reaches, the search page included.
PAGES = (*guide.PAGES, 'search')

_RUN = '''async (own) => {
    const found = result => result.violations.map(rule => ({
        id: rule.id, impact: rule.impact,
        nodes: rule.nodes.map(node => ({
            target: node.target.join(' '),
            summary: node.failureSummary}))}));
    const options = {resultTypes: ['violations']};
    const guide = await axe.run(
        {include: own.map(selector => [selector])}, options);
    const theme = await axe.run(
        {exclude: own.map(selector => [selector])}, options);
    return {guide: found(guide), theme: found(theme)};
}'''


@pytest.mark.parametrize('width', VIEWPORTS)
def test_axe_finds_no_violation_in_the_guide(browse, server, axe_source,
                                             width):
    page, recorder = browse
    at_width(page, width)
    guide_found, theme = [], collections.Counter()
    for docname in PAGES:
        page.goto(url_of(server, docname), wait_until='load')
        page.add_script_tag(content=axe_source)
        result = page.evaluate(_RUN, list(OWN))
        for rule in result['guide']:
            guide_found.extend(
                f'{docname}: {rule["id"]} ({rule["impact"]}) at '
                f'{node["target"]}\n    {" ".join(node["summary"].split())}'
                for node in rule['nodes'])
        for rule in result['theme']:
            theme[rule['id']] += len(rule['nodes'])
    chrome = ', '.join(f'{rule} {count}' for rule, count in
                       theme.most_common())
    print(f'axe-core at {width} pixels, {len(PAGES)} pages: '
          f'{len(guide_found)} violations in the guide, '
          f'{sum(theme.values())} in the theme ({chrome or "none"})')
    if theme:
        warnings.warn(UserWarning(
            f'axe-core at {width} pixels: openstackdocstheme\'s header, '
            f'sidebar and footer have {sum(theme.values())} violating '
            f'elements on {len(PAGES)} pages: {chrome}'), stacklevel=1)
    assert not guide_found, '\n'.join(guide_found)
    assert not recorder.problems, '\n'.join(recorder.problems)
