import pathlib

import pytest

pytest_plugins = ['sphinx.testing.fixtures']

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope='session')
def rootdir():
    """Where sphinx.testing finds the fixture roots (tests/roots/test-*)."""
    return ROOT / 'tests' / 'roots'
