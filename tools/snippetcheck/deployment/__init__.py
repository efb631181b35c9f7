"""The whole deployment the pages describe together.

Each snippet is judged alone by the other tiers; high availability is a
property of the whole. When ``conf.py`` names the deployment
(``snippetcheck_deployment``, see :mod:`.model`), the facts of every page
(:mod:`.facts`) are read together in toctree order and judged by the
rules of :mod:`.network`, and the Pacemaker cluster all the pcs commands
(and, apart, all the crmsh input) build is proven by Pacemaker's own
scheduler (:mod:`snippetcheck.external.simulate`); :mod:`.appendix` shows
readers what it does on each failure.
"""

from snippetcheck.deployment.facts import collect
from snippetcheck.deployment.model import Deployment
from snippetcheck.deployment.model import Invalid
from snippetcheck.deployment.network import assemble
from snippetcheck.deployment.network import judge

__all__ = ['Deployment', 'Invalid', 'assemble', 'collect', 'judge']
