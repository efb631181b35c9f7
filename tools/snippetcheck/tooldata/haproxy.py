"""Print haproxy's keyword facts as JSON: what the haproxy binary reports
of itself, or what a release's configuration manual tables say.

Two sources, two modes (standard library only)::

    python haproxy.py --binary /usr/sbin/haproxy      # haproxy -dKall
    python haproxy.py --manual doc/configuration.txt  # the manual's tables

``--binary`` runs ``haproxy -dKall -q -c -f /dev/null`` (haproxy 2.6 and
later dump their registered keywords with ``-dK``) and parses every class
it prints: configuration keywords by section, the ``bind`` and ``server``
keywords with the number of arguments they take (haproxy's ``+N``; ``-1``
is a variable number), the ``option`` names with the proxy capabilities
they need, the actions of the ``tcp-request``/``http-request``... rules,
ACL keywords, sample fetches with the places they may be used, converters,
filters, services and CLI commands.  Only keywords registered in tables are
dumped: those haproxy parses inline (``bind``, ``server``, ``balance``,
``mode``, ``maxconn``, ``daemon``...) are not, which is why the manual is
read too.

``--manual`` reads a configuration manual as text: its version and date,
the proxy keywords matrix of section 4.1, the "May be used in sections"
table of every keyword described in section 4.2 (the matrix leaves some out
on purpose), the keyword list of the global section (3), and the bind and
server options of sections 5.1 and 5.2.  The manual file is not part of
the output; its SHA-256 is, so that a check can tell it read the same text.
"""

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys

PROXY_SECTIONS = ('defaults', 'frontend', 'listen', 'backend')

# -- haproxy -dKall -----------------------------------------------------------

_CLASS_HEADINGS = {
    'ACL keywords': 'acl',
    'configuration keywords': 'cfg',
    'CLI keywords': 'cli',
    'sample converter functions': 'converters',
    'filter names': 'filters',
    'sample fetch functions': 'fetches',
    'service names': 'services',
}
_RULE_SETS = ('tcp-request connection', 'tcp-request session',
              'tcp-request content', 'tcp-response content', 'http-request',
              'http-response', 'http-after-response')
_WITH_ARGS = re.compile(r'(?P<kw>\S+)(?: \+(?P<skip>-?\d+))?\Z')
_OPTION = re.compile(r'option (?P<name>\S+) \[(?P<caps>[A-Z ]*)\]\Z')
_FUNCTION = re.compile(
    r'(?P<name>[^\s(:]+)(?:\((?P<args>[^)]*)\))?: (?:(?P<input>\S+) => )?'
    r'(?P<output>\S+)\Z')


def run_dump(binary):
    """The text ``haproxy -dKall`` prints, and haproxy's version."""
    version = subprocess.run([binary, '-v'], capture_output=True, text=True,
                             check=True).stdout
    match = re.search(r'version (\S+)', version)
    dump = subprocess.run([binary, '-dKall', '-q', '-c', '-f', '/dev/null'],
                          capture_output=True, text=True, check=False)
    return dump.stdout, match.group(1) if match else None


def _split_classes(text):
    """{class: [lines]} of a -dKall dump."""
    classes = {'legend': []}
    current = None
    for line in text.split('\n'):
        legend = re.search(r'_\.-+ (\S.*?)\s*$', line)
        if line.startswith('#') and legend:
            classes['legend'].append(legend[1])
        elif line.startswith('# List of registered '):
            heading = line[len('# List of registered '):].rstrip(':')
            current = classes.setdefault(_CLASS_HEADINGS.get(heading,
                                                             heading), [])
        elif current is not None and line.strip() and \
                not line.startswith('#'):
            current.append(line)
    return classes


def _arguments(skip):
    """haproxy's "+N": how many words a keyword takes after it."""
    return 0 if skip is None else int(skip)


def parse_cfg(lines):
    """The configuration keywords of a dump, by section and by kind."""
    out = {'sections': {}, 'bind': {}, 'server': {}, 'options': {},
           'actions': {name: {} for name in _RULE_SETS}}
    section = None
    for line in lines:
        if not line.startswith('\t'):
            section = line.strip()
            out['sections'].setdefault(section, [])
            continue
        words = line.strip()
        if words.startswith('bind <addr> '):
            rest = words[len('bind <addr> '):]
            ssl = rest.startswith('ssl ')
            match = _WITH_ARGS.match(rest[4:] if ssl else rest)
            out['bind'][match['kw']] = {'args': _arguments(match['skip']),
                                        'ssl': ssl}
        elif words.startswith('server <name> <addr> '):
            match = _WITH_ARGS.match(words[len('server <name> <addr> '):])
            out['server'][match['kw']] = {'args': _arguments(match['skip'])}
        elif _OPTION.match(words):
            match = _OPTION.match(words)
            caps = match['caps'].split()
            out['options'][match['name']] = {
                'frontend': 'FE' in caps, 'backend': 'BE' in caps,
                'http_only': 'HTTP' in caps}
        elif any(words.startswith(rules + ' ') for rules in _RULE_SETS):
            rules = max((r for r in _RULE_SETS if words.startswith(r + ' ')),
                        key=len)
            action = words[len(rules) + 1:]
            prefix = action.endswith('*')
            out['actions'][rules][action.rstrip('*')] = {'prefix': prefix}
        else:
            match = _WITH_ARGS.match(words)
            entry = match['kw'] if match['skip'] is None else \
                {match['kw']: _arguments(match['skip'])}
            out['sections'][section].append(entry)
    for section, keywords in out['sections'].items():
        plain = sorted(k for k in keywords if isinstance(k, str))
        counted = {}
        for item in keywords:
            if isinstance(item, dict):
                counted.update(item)
        out['sections'][section] = ({'keywords': plain, 'args': counted}
                                    if counted else {'keywords': plain})
    return out


def _functions(lines, matrix=False):
    """Sample fetches or converters: {name: {args, input, output}}; a
    fetch's ``usable`` has a Y or a dot for each place of ``fetch_usage``
    (the legend of the dump), in its order."""
    out = {}
    for line in lines:
        usable = None
        if matrix:
            flags, _, line = line.partition('] ')
            usable = ''.join('Y' if flag == 'Y' else '.'
                             for flag in flags.strip('[ ').split())
        match = _FUNCTION.match(line.strip())
        if not match:
            continue
        entry = {'args': match['args'], 'output': match['output']}
        if match['input']:
            entry['input'] = match['input']
        if usable is not None:
            entry['usable'] = usable
        out[match['name']] = entry
    return out


def parse_dump(text):
    """Every class of a -dKall dump as data."""
    classes = _split_classes(text)
    out = parse_cfg(classes.get('cfg', []))
    out['acl'] = {}
    for line in classes.get('acl', []):
        name, _, rest = line.partition(' = ')
        fetch, _, match = rest.partition(' -m ')
        out['acl'][name.strip()] = {'fetch': fetch.strip(),
                                    'match': match.strip()}
    out['fetches'] = _functions(classes.get('fetches', []), matrix=True)
    out['fetch_usage'] = classes['legend']
    out['converters'] = _functions(classes.get('converters', []))
    out['filters'] = sorted(line.split()[0]
                            for line in classes.get('filters', []))
    out['services'] = sorted(line.strip()
                             for line in classes.get('services', []))
    out['cli'] = sorted(re.sub(r'(?: \[[A-Z]+\])+\s*\Z', '', line).strip()
                        for line in classes.get('cli', []))
    return out


def binary_facts(binary):
    text, version = run_dump(binary)
    facts = parse_dump(text)
    facts.update({'tool': 'haproxy', 'version': version})
    return facts


# -- the configuration manual -------------------------------------------------

_PLAIN = re.compile(r'[a-z0-9][a-z0-9._-]*\Z')
_HEADING = re.compile(r'^(?P<number>\d+(?:\.\d+)*)\. (?P<title>\S.*)$')
_MATRIX_ROW = re.compile(
    r'^(?P<kw>\S.*?)\s+(?P<dep>\(deprecated\)\s+)?(?P<neg>\(\*\)\s+)?'
    r'(?P<d>X \(!\)|X|-)\s+(?P<f>X|-)\s+(?P<l>X|-)\s+(?P<b>X|-)\s*$')
_USED_IN = re.compile(r'^\s+May be used in sections\s*:')
_USED_ROW = re.compile(r'^\s+(yes(?:\(!\))?|no)\s*\|\s*(yes|no)\s*\|\s*'
                       r'(yes|no)\s*\|\s*(yes|no)\s*$')
_FLAGS = {'X': 'X', 'X (!)': 'N', '-': '-', 'yes': 'X', 'yes(!)': 'N',
          'no': '-'}


def read_manual(path):
    """The manual's text (a .gz is read compressed) and its SHA-256."""
    with open(path, 'rb') as stream:
        raw = stream.read()
    if path.endswith('.gz'):
        raw = gzip.decompress(raw)
    return raw.decode('utf-8'), hashlib.sha256(raw).hexdigest()


def _sections(lines):
    """{number: (first line, end line, title)} of the body's numbered
    headings (a heading is underlined with dashes on the next line)."""
    starts = []
    for index, line in enumerate(lines[:-1]):
        match = _HEADING.match(line)
        if match and re.match(r'^-{3,}\s*$', lines[index + 1]):
            starts.append((match['number'], index, match['title'].strip()))
    found = {}
    for position, (number, index, title) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) \
            else len(lines)
        found[number] = (index + 2, end, title)
    return found


def _part(lines, sections, number):
    start, end, _ = sections[number]
    return lines[start:end]


def parse_matrix(lines):
    """Section 4.1: {keyword: {section: X|N|-, ...}} and the flags.

    Every line of the table must be a row, a rule or a repeated header:
    a line that is none of these stops the generator rather than being
    dropped.
    """
    rows = {}
    header = next(index for index, line in enumerate(lines)
                  if line.startswith(' keyword '))
    for line in lines[header:]:
        if line.startswith(('-', ' ')) or not line.strip():
            continue
        match = _MATRIX_ROW.match(line)
        if not match:
            raise ValueError(f'not a row of the keyword matrix: {line!r}')
        row = {kind: _FLAGS[match[key]] for kind, key in
               zip(PROXY_SECTIONS, 'dflb', strict=True)}
        if match['dep']:
            row['deprecated'] = True
        if match['neg']:
            row['negatable'] = True
        rows[' '.join(match['kw'].split())] = row
    return rows


def _keyword_of(heading, known):
    """The keyword a syntax line of the manual describes: the longest run
    of its leading plain words that is a *known* keyword, else its plain
    words (two at most)."""
    words = heading.split()
    if words[:1] == ['no'] and len(words) > 1:
        words = words[1:]
    plain = []
    for word in words:
        base = word.split('(', 1)[0]
        if not _PLAIN.match(base):
            break
        plain.append(base)
        if base != word:
            break
    for size in range(len(plain), 0, -1):
        if ' '.join(plain[:size]) in known:
            return ' '.join(plain[:size])
    return ' '.join(plain[:2]) if plain else None


def _entries(lines):
    """(syntax lines, body lines) of every keyword entry of a part: one or
    more lines at column 0 after a blank line, then an indented body."""
    entries = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line[:1].isalnum() and line[:1].islower() and \
                (index == 0 or not lines[index - 1].strip()):
            heads = []
            while index < len(lines) and lines[index][:1].strip() and \
                    not lines[index].startswith('-'):
                heads.append(lines[index])
                index += 1
            body = []
            while index < len(lines) and (not lines[index].strip() or
                                          lines[index].startswith(' ')):
                body.append(lines[index])
                index += 1
            if body and body[0].startswith('  '):
                entries.append((heads, body))
            continue
        index += 1
    return entries


def parse_described(lines, known):
    """Section 4.2: {keyword: sections} from the "May be used in sections"
    table of each described keyword."""
    described = {}
    heads_of = {}
    for heads, body in _entries(lines):
        table = None
        for position, line in enumerate(body[:-1]):
            if _USED_IN.match(line):
                row = _USED_ROW.match(body[position + 1])
                if row:
                    table = {kind: _FLAGS[flag] for kind, flag in
                             zip(PROXY_SECTIONS, row.groups(), strict=True)}
                break
        if table is None:
            continue
        keywords = []
        for head in heads:
            keyword = _keyword_of(head, known)
            if keyword and keyword not in keywords:
                keywords.append(keyword)
        # "balance <algorithm>" and "balance url_param <param>" describe
        # one keyword: keep the shortest of each family.
        keywords = [k for k in keywords if not any(
            k != other and k.startswith(other + ' ') for other in keywords)]
        for keyword in keywords:
            entry = dict(table)
            if any('(deprecated)' in head for head in heads):
                entry['deprecated'] = True
            described[keyword] = entry
            heads_of[keyword] = heads
    return described


def parse_global(lines, body):
    """Section 3: the keywords of the list at its top (``listed``) and
    those its subsections describe without listing them.  A listed word
    that has no entry of its own but entries with a second word stands
    for those (``stats`` for ``stats socket``, ``stats timeout``...)."""
    listed = {}
    for line in lines:
        match = re.match(r'^   - (\S+)(\s+\(deprecated\))?\s*$', line)
        if match:
            listed[match[1]] = bool(match[2])
    seconds = {}
    described = {}
    for heads, _ in _entries(body):
        for head in heads:
            words = head.split()
            first = words[0].split('(', 1)[0]
            if not _PLAIN.match(first):
                continue
            second = words[1] if len(words) > 1 else ''
            seconds.setdefault(first, []).append(
                second if _PLAIN.match(second) else None)
            described[first] = described.get(first, False) or \
                '(deprecated)' in words
    out = {}
    for keyword in sorted(set(listed) | set(described)):
        deprecated = listed.get(keyword) or described.get(keyword, False)
        words = seconds.get(keyword, [])
        names = [keyword]
        if keyword in listed and words and None not in words:
            names = [f'{keyword} {second}' for second in sorted(set(words))]
        for name in names:
            entry = {'listed': keyword in listed}
            if deprecated:
                entry['deprecated'] = True
            out[name] = entry
    return out


def parse_options(lines):
    """Sections 5.1 and 5.2: {keyword: {'argument': bool}}."""
    out = {}
    for heads, _ in _entries(lines):
        for head in heads:
            words = head.split()
            keyword = words[0].split('(', 1)[0]
            if not _PLAIN.match(keyword):
                continue
            entry = {'argument': keyword != words[0] or (
                len(words) > 1 and words[1] != '(deprecated)')}
            if '(deprecated)' in words:
                entry['deprecated'] = True
            out.setdefault(keyword, entry)
    return out


def manual_facts(path):
    text, digest = read_manual(path)
    lines = text.split('\n')
    head = '\n'.join(lines[:12])
    version = re.search(r'^\s+version (\S+)\s*$', head, re.M)
    date = re.search(r'^\s+(\d{4}/\d{2}/\d{2})\s*$', head, re.M)
    sections = _sections(lines)
    matrix = parse_matrix(_part(lines, sections, '4.1'))
    known = set(matrix)
    global_list = _part(lines, sections, '3')
    categories = [match[1] for match in
                  (re.match(r'^ \* (\S.*?)\s*$', line) for line in global_list)
                  if match]
    global_body = []
    for number, (start, end, title) in sorted(sections.items()):
        if re.match(r'3\.\d+\Z', number) and any(
                title.startswith(category) for category in categories):
            global_body += lines[start:end]
    return {
        'manual': {'version': version[1] if version else None,
                   'date': date[1] if date else None, 'sha256': digest},
        'matrix': matrix,
        'described': parse_described(_part(lines, sections, '4.2'), known),
        'global': parse_global(global_list, global_body),
        'bind': parse_options(_part(lines, sections, '5.1')),
        'server': parse_options(_part(lines, sections, '5.2')),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--binary', help='the haproxy to ask (-dKall)')
    source.add_argument('--manual', help="a release's doc/configuration.txt "
                        '(or .txt.gz)')
    args = parser.parse_args(argv)
    facts = binary_facts(args.binary) if args.binary else \
        manual_facts(args.manual)
    json.dump(facts, sys.stdout, sort_keys=True, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
