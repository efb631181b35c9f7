"""What the OpenStack services accept in their configuration files.

The option data under ``data/RELEASE/`` is generated from the released
service packages with oslo-config-generator (``tox -e optdata``, see
``generate``); ``schema`` reads it for the checks of
:mod:`snippetcheck.checkers.options`.
"""
