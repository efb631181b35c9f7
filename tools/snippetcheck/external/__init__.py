"""The second tier: snippets replayed through the real tools.

``haproxy -c`` judges haproxy snippets, pcs replays a document's pcs
commands into a scratch CIB, crm replays its crmsh input into another, and
``crm_verify`` judges the result. Nothing here touches a live system: every
call goes through :mod:`snippetcheck.external.sandbox`, which runs only
allow-listed argv on files in a scratch directory, with a clean
environment, a timeout and no shell.
"""
