"""Small pieces of pcs's argument grammar that several judges share."""

#: The roles pcs 0.11 and 0.12 write, and the legacy names 0.12 refuses.
ROLES = ('Started', 'Stopped', 'Promoted', 'Unpromoted')
ROLE_NAMES = {role.lower(): role for role in ROLES}
LEGACY_ROLES = {'master': 'Promoted', 'slave': 'Unpromoted'}

#: The actions an order constraint names.
ACTIONS = frozenset(['start', 'stop', 'promote', 'demote'])

#: Meta attributes with legacy role names, which pcs 0.12 refuses.
LEGACY_META = {'master-max': 'promoted-max',
               'master-node-max': 'promoted-node-max',
               'masters': 'promoted-max'}


def split_keywords(args, keywords, first):
    """pcs's group_by_keywords: ``{keyword: [[args], ...]}`` in one pass;
    the arguments before the first keyword go under *first*."""
    groups = {}
    current = None
    if args and args[0] not in keywords:
        current = [first, []]
        groups[first] = [current[1]]
    for arg in args:
        if arg in keywords:
            bucket = []
            groups.setdefault(arg, []).append(bucket)
            current = [arg, bucket]
        else:
            current[1].append(arg)
    return groups


def is_number(text):
    """An integer score or INFINITY, as pcs reads a score."""
    if text.lower() == 'infinity':
        return True
    try:
        int(text)
        return True
    except ValueError:
        return False


def is_negative_number(arg):
    """pcs's _is_negative_num: "-5", "-INFINITY", "-1.5"."""
    if len(arg) > 40:
        return False
    if not arg.startswith('-'):
        return False
    if is_number(arg[1:]):
        return True
    try:
        float(arg)
        return True
    except ValueError:
        return False


def is_score_or_option(word):
    """A NAME=VALUE option or a score such as ``-INFINITY``."""
    if '=' in word:
        return True
    text = word[1:] if word[:1] in '+-' else word
    return is_number(text)


def listing(names):
    """The subcommands *names* for a message: sorted, at most twelve,
    without help and pcs's internal ``get_*`` / ``local_*`` commands."""
    shown = [name for name in names if name != 'help' and
             not name.startswith(('get_', 'local_'))]
    text = ', '.join(sorted(shown)[:12])
    return text + (', ...' if len(shown) > 12 else '')
