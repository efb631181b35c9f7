"""Scratch CIB files, edited as the replays need them.

An empty CIB (``cibadmin --empty``) has no nodes and no quorum; a cluster
the pages build together gets the deployment's nodes (:func:`seed`). An
alternative replayed on the cluster the pages built first loses what it
makes again (:func:`remove`), with the constraints that refer to it, as
``pcs resource delete`` would take them.
"""

from xml.etree import ElementTree

#: Constraint attributes that name a resource.
_REFERENCES = ('rsc', 'first', 'then', 'with-rsc')
_CONSTRAINTS = ('rsc_location', 'rsc_order', 'rsc_colocation', 'rsc_ticket')


def seed(cib, nodes):
    """Give the scratch CIB at *cib* the nodes named *nodes* and quorum."""
    with open(cib, encoding='utf-8') as stream:
        text = stream.read()
    entries = ''.join(f'<node id="{number}" uname="{name}"/>'
                      for number, name in enumerate(nodes, 1))
    text = text.replace('<nodes/>', f'<nodes>{entries}</nodes>', 1)
    text = text.replace('<cib ', '<cib have-quorum="1" ', 1)
    with open(cib, 'w', encoding='utf-8') as stream:
        stream.write(text)


def remove(cib, ids):
    """Take the resources *ids* (and the constraints that refer to them)
    out of the CIB file *cib*."""
    if not ids:
        return
    ids = set(ids)
    tree = ElementTree.parse(cib)
    for parent in list(tree.getroot().iter()):
        for child in list(parent):
            refers = child.tag in _CONSTRAINTS and (
                any(child.get(name) in ids for name in _REFERENCES) or any(
                    ref.get('id') in ids for ref in child.iter(
                        'resource_ref')))
            if child.get('id') in ids or refers:
                parent.remove(child)
    tree.write(cib, encoding='unicode')
