"""What the ``openstack`` command line (python-openstackclient) accepts.

``data/osc.json`` holds every command of python-openstackclient and of the
plugins listed in its ``packages``, with the positional arguments and
options of each command's argparse parser, and the client's global
options. It is generated from the pinned packages, offline, by
:mod:`snippetcheck.openstack.generate` (``tox -e oscdata``; ``tox -e
oscdata-check`` proves the committed file is what they give).
:mod:`snippetcheck.checkers.openstack` judges commands from it alone,
without importing the client.

The file's schema (``format`` 1)::

    {"format": 1,
     "packages": {"python-openstackclient": "10.3.1", ...},
     "plugins": ["orchestration", ...],    # the plugin APIs it covers
     "global": PARSER,                     # OpenStackShell's own options
     "formatters": {"list": PARSER, "show": PARSER},
                                           # cliff's output options
     "apis": {API: {"option": "--os-API-api-version",
                    "default": "3",         # the version used unless given
                    "commands": [NAME, ...], # those the default provides
                    "versions": {"2": {NAME: PARSER, ...}}}},
     "commands": {NAME: PARSER, ...}}      # what ``openstack`` runs by
                                           # default, NAME as typed
    PARSER = {"f": "list",                 # first, the options of
                                           # formatters["list"]
              "o": [OPTION, ...],          # options, in parser order
              "p": [ARGUMENT, ...],        # positional arguments
              "x": [[REQUIRED, [MEMBER, ...]], ...],
                                           # mutually exclusive groups: an
                                           # option's first string or a
                                           # positional argument's name
              "v": 1,                      # shape depends on the API
                                           # microversion (merged)
              "neg": 1}                    # an option looks like a
                                           # negative number (-4)
    OPTION = {"s": [OPTION_STRING, ...],
              "n": NARGS,                  # absent: one value; 0: a flag;
                                           # "?", "*", "+" or a count
              "m": METAVAR,                # for messages
              "r": 1,                      # required
              "c": [CHOICE, ...],          # as strings
              "i": 1,                      # choices ignore case
              "t": FORM,                   # int, float, uint, kv, mkv
              "k": [KEY, ...],             # mkv: the keys it takes
              "rk": [KEY, ...]}            # mkv: the keys it needs
    ARGUMENT = {"m": NAME, "n": NARGS, "c": ..., "i": ..., "t": ...}

``-h``/``--help`` of each command is left out: the global parser takes
``--help`` wherever it stands and turns the command into ``openstack help
...``.
"""

import functools
import json
import pathlib

DATA = pathlib.Path(__file__).parent / 'data' / 'osc.json'


@functools.lru_cache(maxsize=1)
def load():
    """The command data, read once."""
    with open(DATA, encoding='utf-8') as stream:
        return json.load(stream)
