"""The deployment a guide's pages describe together, as ``conf.py`` names
it::

    snippetcheck_deployment = {
        'nodes': {'controller1': '10.0.0.12', 'controller2': '10.0.0.13',
                  'controller3': '10.0.0.14'},
        'vips': {'10.0.0.11': ['<Virtual IP>', 'VIP']},
        'services': ['keystone', 'glance-api', ...],   # optional
    }

``nodes`` maps each node's name to its address, ``vips`` each virtual IP
address to the placeholders the pages write for it, and ``services``
(optional) lists the API services the reference architecture puts behind
HAProxy, by the names of :mod:`snippetcheck.deployment.services`.
"""

import dataclasses
import ipaddress

from snippetcheck.deployment import services as service_data


class Invalid(ValueError):
    """A ``snippetcheck_deployment`` that cannot be used; says why."""


@dataclasses.dataclass(frozen=True)
class Deployment:
    nodes: tuple        # ((name, address), ...)
    vips: tuple         # ((address, (placeholder, ...)), ...)
    services: tuple = ()

    @classmethod
    def from_config(cls, value):
        """The Deployment of a conf.py value (None: the tier is off)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            raise Invalid('snippetcheck_deployment must be a dict with '
                          "'nodes' and 'vips'")
        unknown = sorted(set(value) - {'nodes', 'vips', 'services'})
        if unknown:
            raise Invalid(f'snippetcheck_deployment has unknown keys '
                          f'{", ".join(unknown)}; it takes nodes, vips and '
                          'services')
        nodes = value.get('nodes')
        if not isinstance(nodes, dict) or not nodes:
            raise Invalid("snippetcheck_deployment['nodes'] must map node "
                          'names to addresses')
        vips = value.get('vips') or {}
        if not isinstance(vips, dict):
            raise Invalid("snippetcheck_deployment['vips'] must map VIP "
                          'addresses to lists of placeholders')
        for address in [*nodes.values(), *vips]:
            try:
                ipaddress.ip_address(str(address))
            except ValueError:
                raise Invalid(f'{address!r} in snippetcheck_deployment is '
                              'not an IP address') from None
        names = value.get('services') or ()
        wrong = sorted(set(names) - set(service_data.SERVICES))
        if wrong:
            raise Invalid(f"snippetcheck_deployment['services'] names "
                          f'unknown services {", ".join(wrong)}; known: '
                          + ', '.join(sorted(service_data.SERVICES)))
        return cls(tuple((str(n), str(a)) for n, a in nodes.items()),
                   tuple((str(a), tuple(str(p) for p in (ps or ())))
                         for a, ps in vips.items()),
                   tuple(names))

    @property
    def node_names(self):
        return [name for name, _address in self.nodes]

    def node_of(self, address):
        """The name of the node with *address*, or None."""
        for name, node_address in self.nodes:
            if node_address == address:
                return name
        return None

    def is_vip(self, address):
        return any(vip == address for vip, _p in self.vips)

    def resolve(self, host):
        """The address *host* stands for: a VIP for one of its
        placeholders, a node's address for its name, the address itself,
        or None when it is none of these (a placeholder of something
        else, a host name)."""
        host = host.strip().strip('[]')
        for vip, placeholders in self.vips:
            if host == vip or host in placeholders:
                return vip
        for name, address in self.nodes:
            if host in (name, address):
                return address
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            return None


WILDCARDS = frozenset(['0.0.0.0', '::', '*', ''])
