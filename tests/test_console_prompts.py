"""The prompt model of console blocks: shell prompts, other programs'
prompts, output, and RST002 on top of them."""

import pytest

from snippetcheck import console
from snippetcheck import engine
from snippetcheck import settings
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet


def commands(text, prompts=()):
    return [(c.line, c.argv) for c in console.commands(text, prompts)]


def kinds(text, prompts=()):
    return [(e.kind, e.name) for e in console.entries(text, prompts)
            if e.kind != 'output' or e.text]


def codes(text, prompts=()):
    snippet = Snippet('console', text, prompts=prompts)
    return [(f.line, f.code) for f in engine.check_snippet(
        snippet, DocumentContext())]


# -- shell prompts: must be read as commands ----------------------------------

@pytest.mark.parametrize('prompt', [
    '# ', '$ ',
    'user@host:~$ ', 'root@controller1:/etc/nova# ',
    'stack@devstack:~/devstack$ ', 'root@host:~ # ',
    '[root@pcmk-1 ~]# ', '[stack@host devstack]$ ', '[root@pcmk-1 ~] # ',
    'host:~ # ', 'user@host:~> ',
    'gentoo ~ # ', 'user@host ~/dir $ ',
    'controller # ', 'controller1# ', 'node1$ ', 'bash-5.2$ ',
    'user@host$ ', 'user@host % ',
    '(venv) $ ', '(.venv) user@host:~/src$ ', '(venv) [root@pcmk-1 ~]# ',
    'PS C:\\Users\\me> ', 'C:\\> ',
])
def test_shell_prompts(prompt):
    text = f'{prompt}pcs resource create vip ocf:heartbeat:IPaddr2 ' \
           'ip=10.0.0.11\noutput'
    assert commands(text) == [(1, ('pcs', 'resource', 'create', 'vip',
                                   'ocf:heartbeat:IPaddr2', 'ip=10.0.0.11'))]
    assert kinds(text)[1] == ('output', '')


# -- near misses: output, not commands ----------------------------------------

@pytest.mark.parametrize('line', [
    '  * ClusterIP\t(ocf:heartbeat:IPaddr2):\t Started pcmk-1',
    'Cluster name: mycluster',
    '10.0.0.11 controller # the VIP',
    '100% done',
    '[DEFAULT]',
    'debug = true # comment',
    '#comment without a blank',
    'ping -c 1 controller',
    'listen galera_cluster',
    '/dev/drbd1: Read-only file system',
])
def test_output_lines(line):
    assert kinds(line) == [('output', '')]


# -- other programs' prompts: input, not shell commands -----------------------

@pytest.mark.parametrize('line, name', [
    ("MariaDB [(none)]> GRANT ALL ON nova.* TO 'nova'@'%';", 'mysql'),
    ('MariaDB [nova]> SHOW TABLES;', 'mysql'),
    ('mysql> SHOW STATUS LIKE "wsrep%";', 'mysql'),
    ('postgres=# CREATE DATABASE nova;', 'psql'),
    ('nova=> SELECT 1;', 'psql'),
    ('sqlite> .tables', 'sqlite3'),
    ('>>> import openstack', 'python'),
    ('In [1]: import nova', 'ipython'),
    ('virsh # list --all', 'virsh'),
    ('127.0.0.1:6379> PING', 'redis-cli'),
    ('(Pdb) p x', 'pdb'),
])
def test_other_programs_input_is_not_a_command(line, name):
    assert kinds(line) == [('input', name)]
    assert commands(line) == []


def test_continuation_lines_of_other_programs_are_their_input():
    text = ("MariaDB [(none)]> GRANT ALL PRIVILEGES ON nova.* \\\n"
            "    -> TO 'nova'@'localhost' IDENTIFIED BY 'NOVA_DBPASS';\n"
            ">>> for x in y:\n... print(x)\n"
            'Query OK')
    assert kinds(text) == [('input', 'mysql'), ('input', 'python'),
                           ('output', '')]


def test_an_sql_statement_with_equals_is_not_configuration():
    """It used to be 'no prompt; these lines are configuration'."""
    assert codes("MariaDB [(none)]> SET GLOBAL wsrep_on=OFF;") == []
    assert codes("mysql> SHOW STATUS LIKE 'wsrep_cluster_size';\n"
                 '+--------------------+-------+\n'
                 '| wsrep_cluster_size | 3     |') == []


# -- crm and openstack at their own prompts -----------------------------------

def test_crm_input_is_the_same_crm_command_line():
    text = ('crm(live/pcmk-1)configure# primitive vip '
            'ocf:heartbeat:IPaddr2 \\\n'
            '   params ip=10.0.0.11\n'
            'crm(live)configure# commit\n'
            'crm(live)# status\n'
            'crm(shadow)configure template# list\n')
    assert commands(text) == [
        (1, ('crm', 'configure', 'primitive', 'vip', 'ocf:heartbeat:IPaddr2',
             'params', 'ip=10.0.0.11')),
        (3, ('crm', 'configure', 'commit')),
        (4, ('crm', 'status')),
        (5, ('crm', 'configure', 'template', 'list')),
    ]
    assert not any(c.shell for c in console.commands(text))


def test_crm_input_is_checked_as_crm_commands():
    assert codes('crm(live)configure# primitve vip ocf:heartbeat:IPaddr2') \
        == [(1, 'CRM001')]
    assert codes('crm(live)configure# primitive vip ocf:heartbeat:IPaddr2 '
                 'params ip=10.0.0.11') == []


def test_openstack_interactive_shell():
    assert commands('(openstack) server list --long') == [
        (1, ('openstack', 'server', 'list', '--long'))]
    assert codes('(openstack) sevrer list') == [(1, 'OSC001')]


def test_the_openstack_fallback_is_for_shell_commands_only():
    """An SQL line naming an 'openstack' user is not an openstack
    command."""
    assert codes("MariaDB [(none)]> GRANT ALL ON keystone.* TO "
                 "'openstack'@'%';") == []


# -- pcs after distribution prompts -------------------------------------------

def test_pcs_after_a_rhel_prompt_is_checked():
    text = ('[root@pcmk-1 ~]# pcs resource crate ClusterIP '
            'ocf:heartbeat:IPaddr2 ip=192.168.122.120\n'
            '[root@pcmk-1 ~]# pcs property set stonith-enabled=false\n')
    assert codes(text) == [(1, 'PCS001')]


# -- here-documents and the secondary prompt ----------------------------------

def test_a_here_document_is_input_not_commands():
    text = ('[root@pcmk-1 ~]# cat <<-END >/var/www/html/index.html\n'
            ' # not a command\n'
            ' END\n'
            '# pcs status\n')
    assert kinds(text) == [('command', ''), ('data', ''), ('data', ''),
                           ('command', '')]
    assert commands(text)[1] == (4, ('pcs', 'status'))


def test_the_secondary_prompt_continues_an_open_quote():
    text = '$ echo "one\n> two"\n> not continued\n'
    found = list(console.commands(text))
    assert [c.argv for c in found] == [('echo', 'one\ntwo')]
    assert kinds(text) == [('command', ''), ('output', '')]


# -- RST002 stays right -------------------------------------------------------

@pytest.mark.parametrize('text', [
    'rabbit_hosts=a:1,b:2',
    '[DEFAULT]\ndebug = true',
    'wget -O - http://localhost/server-status',
    'total_nodes < 2 * active_nodes',
    '/dev/drbd1: Read-only file system',
])
def test_rst002_fires_without_any_prompt(text):
    assert codes(text) == [(1, 'RST002')]


@pytest.mark.parametrize('text', [
    '[root@pcmk-1 ~]# pcs property set no-quorum-policy=freeze',
    'controller # crm_mon -1',
    '(venv) $ tox -e docs',
    "MariaDB [(none)]> SHOW DATABASES;",
    '#',
])
def test_rst002_does_not_fire_with_a_prompt(text):
    assert codes(text) == []


def test_rst002_hint_names_configuration():
    snippet = Snippet('console', 'rabbit_retry_interval=1')
    message = engine.check_snippet(snippet, DocumentContext())[0].message
    assert 'configuration' in message


# -- the project's own prompts ------------------------------------------------

def test_project_prompts_are_tried_first():
    prompts = ((r'stack> ', None), (r'gluster> ', 'gluster'))
    text = ('stack> pcs resource crate x ocf:heartbeat:Dummy\n'
            'gluster> volume info\n')
    assert commands(text, prompts) == [
        (1, ('pcs', 'resource', 'crate', 'x', 'ocf:heartbeat:Dummy'))]
    assert kinds(text, prompts) == [('command', ''), ('input', 'gluster')]
    assert codes(text, prompts) == [(1, 'PCS001')]
    # without them, both lines are output: no prompt at all
    assert codes(text) == [(1, 'RST002')]


def test_the_prompts_setting_is_read_and_judged():
    kept, problem = settings.prompts([r'stack> ', (r'gluster> ', 'gluster')])
    assert kept == ((r'stack> ', None), (r'gluster> ', 'gluster'))
    assert problem is None
    assert settings.prompts(None) == ((), None)
    kept, problem = settings.prompts(['(', '.*', 3, 'ok> '])
    assert kept == (('ok> ', None),)
    assert 'is not a regular expression' in problem
    assert 'matches an empty line' in problem
    assert 'left out' in problem


# -- in a Sphinx build --------------------------------------------------------

@pytest.mark.sphinx('html', testroot='prompts')
def test_prompts_in_a_sphinx_build(app):
    from tests.sphinxwarnings import findings
    from tests.sphinxwarnings import line_of

    app.build()
    assert findings(app) == sorted([
        ('index.rst', line_of(app, 'index.rst', 'pcs resource crate '
                              'ClusterIP'), 'PCS001'),
        ('index.rst', line_of(app, 'index.rst', 'sevrer'), 'OSC001'),
        ('index.rst', line_of(app, 'index.rst', 'primitve'), 'CRM001'),
        ('index.rst', line_of(app, 'index.rst', 'ocf:IPaddr2'), 'CRM004'),
        ('index.rst', line_of(app, 'index.rst', 'stack> pcs'), 'PCS001'),
    ])
