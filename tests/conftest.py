import os
import pathlib
import shutil

import pytest

pytest_plugins = ['sphinx.testing.fixtures']

ROOT = pathlib.Path(__file__).resolve().parent.parent

#: Programs that tests skip without; CI installs them all (bindep.txt), so
#: there a missing one is an install step gone wrong, not a reason to skip.
NEEDED_IN_CI = ('haproxy', 'pcs', 'crm', 'cibadmin', 'crm_verify',
                'xelatex', 'latexmk', 'pdftotext', 'pdfinfo', 'dot')


def pytest_sessionstart(session):
    if not os.environ.get('CI'):
        return
    missing = [program for program in NEEDED_IN_CI if shutil.which(
        program, path=os.environ.get('PATH', '') + ':/usr/sbin:/sbin')
        is None]
    if missing:
        raise pytest.UsageError(
            f'CI must install {", ".join(missing)} (bindep.txt); the tests '
            'that need them would be skipped')


def pytest_collection_modifyitems(items):
    """The browser tests are slow, as the guide builds and real tools are
    (marked in their modules)."""
    for item in items:
        if 'e2e' in item.path.parts:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope='session')
def rootdir():
    """Where sphinx.testing finds the fixture roots (tests/roots/test-*)."""
    return ROOT / 'tests' / 'roots'
