"""Which file an ini block shows: each way documentation names it (must
be recognised), the near misses (must not), and the order of
precedence."""

import textwrap

import pytest

from snippetcheck import blocks
from snippetcheck import doccheck
from snippetcheck import rstread


def files(tmp_path, text):
    """(file, where it was named) of each block of RST *text*."""
    page = tmp_path / 'page.rst'
    page.write_text(textwrap.dedent(text), encoding='utf-8')
    doctree = rstread.read(page)
    return [(s.filename, s.filename_from)
            for s in doccheck.snippets(doctree, str(page))]


NOVA = '/etc/nova/nova.conf'


# -- must be recognised -------------------------------------------------------

def test_caption(tmp_path):
    assert files(tmp_path, '''
        .. code-block:: ini
           :caption: /etc/nova/nova.conf

           [DEFAULT]
        ''') == [(NOVA, blocks.FROM_CAPTION)]


def test_caption_naming_a_file(tmp_path):
    assert files(tmp_path, '''
        .. code-block:: ini
           :caption: nova.conf on every controller

           [DEFAULT]
        ''') == [('nova.conf', blocks.FROM_CAPTION)]


def test_path_comment_of_the_install_guides(tmp_path):
    assert files(tmp_path, '''
        * In the ``[database]`` section, configure database access:

          .. path /etc/nova/nova.conf
          .. code-block:: ini

             [database]
             connection = mysql+pymysql://nova:NOVA_DBPASS@controller/nova

          .. end
        ''') == [(NOVA, blocks.FROM_COMMENT)]


def test_first_line_comment(tmp_path):
    assert files(tmp_path, '''
        .. code-block:: ini

           # /etc/nova/nova.conf
           [DEFAULT]
        ''') == [(NOVA, blocks.FROM_FIRST_LINE)]
    assert files(tmp_path, '''
        .. code-block:: ini

           ; /etc/nova/nova.conf:
           [DEFAULT]
        ''') == [(NOVA, blocks.FROM_FIRST_LINE)]


def test_file_role_before(tmp_path):
    assert files(tmp_path, '''
        Edit the :file:`/etc/nova/nova.conf` file:

        .. code-block:: ini

           [DEFAULT]
        ''') == [(NOVA, blocks.FROM_PARAGRAPH)]


@pytest.mark.parametrize('paragraph, named', [
    ('Edit the ``/etc/nova/nova.conf`` file:', NOVA),
    ('Consider the following ``nova.conf``:', 'nova.conf'),
    ('Add the following line to ``/etc/exports``:', '/etc/exports'),
    ('Update the file /etc/cinder/cinder.conf with:',
     '/etc/cinder/cinder.conf'),
    ('On the compute node, in nova.conf:', 'nova.conf'),
    # a file and a directory: the file
    ('Export ``/var/lib/nova/instances``: add this line to '
     '``/etc/exports``:', '/etc/exports'),
    # two names of one file
    ('Edit ``nova.conf`` (``/etc/nova/nova.conf``):', NOVA),
])
def test_literal_or_text_before(tmp_path, paragraph, named):
    assert files(tmp_path, f'''
        {paragraph}

        .. code-block:: ini

           [DEFAULT]
        ''') == [(named, blocks.FROM_PARAGRAPH)]


def test_the_paragraph_introducing_the_list(tmp_path):
    assert files(tmp_path, '''
        #. Edit the ``/etc/nova/nova.conf`` file and complete the following
           actions:

           * In the ``[database]`` section, configure database access:

             .. code-block:: ini

                [database]

           * In the ``[DEFAULT]`` section:

             .. code-block:: ini

                [DEFAULT]
        ''') == [(NOVA, blocks.FROM_INTRODUCTION)] * 2


def test_the_paragraph_before_an_indented_block(tmp_path):
    assert files(tmp_path, '''
        Edit ``/etc/nova/nova.conf``:

            .. code-block:: ini

               [DEFAULT]
        ''') == [(NOVA, blocks.FROM_INTRODUCTION)]


def test_the_text_of_the_section(tmp_path):
    assert files(tmp_path, '''
        Replication
        ===========

        Enable replication in the cinder.conf file.

        To enable it, set ``replication_device`` as below:

        .. code-block:: ini

           [backend]
           replication_device = backend_id:x

        Then:

        .. code-block:: ini

           [backend]
        ''') == [('cinder.conf', blocks.FROM_SECTION)] * 2


# -- the order of precedence --------------------------------------------------

def test_precedence(tmp_path):
    assert files(tmp_path, '''
        Edit ``/etc/glance/glance-api.conf``:

        .. path /etc/cinder/cinder.conf
        .. code-block:: ini
           :caption: /etc/nova/nova.conf

           # /etc/manila/manila.conf
           [DEFAULT]

        Edit ``/etc/glance/glance-api.conf``:

        .. path /etc/cinder/cinder.conf
        .. code-block:: ini

           # /etc/manila/manila.conf
           [DEFAULT]

        Edit ``/etc/glance/glance-api.conf``:

        .. code-block:: ini

           # /etc/manila/manila.conf
           [DEFAULT]

        Edit the :file:`/etc/nova/nova.conf` file, not ``keystone.conf``:

        .. code-block:: ini

           [DEFAULT]
        ''') == [(NOVA, blocks.FROM_CAPTION),
                 ('/etc/cinder/cinder.conf', blocks.FROM_COMMENT),
                 ('/etc/manila/manila.conf', blocks.FROM_FIRST_LINE),
                 (NOVA, blocks.FROM_PARAGRAPH)]


# -- near misses: no file -----------------------------------------------------

@pytest.mark.parametrize('text', [
    # a caption that is a title
    '.. code-block:: ini\n   :caption: Database access\n\n   [DEFAULT]\n',
    # a comment that is no path comment
    '.. end\n.. code-block:: ini\n\n   [DEFAULT]\n',
    '.. pathway /etc/nova/nova.conf\n.. code-block:: ini\n\n   [DEFAULT]\n',
    # a first line that says more than a path
    '.. code-block:: ini\n\n   # see /etc/nova/nova.conf\n   [DEFAULT]\n',
    # literals that are no file
    'Set ``[DEFAULT] debug`` to ``True``:\n\n.. code-block:: ini\n\n'
    '   [DEFAULT]\n',
    'The ``/v2/info/stores`` call says so:\n\n.. code-block:: ini\n\n'
    '   [DEFAULT]\n',
    'See ``http://controller:5000/v3``:\n\n.. code-block:: ini\n\n'
    '   [DEFAULT]\n',
    # a path comment that is not just before the block
    '.. path /etc/nova/nova.conf\n\nA paragraph.\n\n.. code-block:: ini\n\n'
    '   [DEFAULT]\n',
])
def test_near_misses(tmp_path, text):
    assert files(tmp_path, text) == [('', '')]


def test_a_paragraph_naming_several_files_names_none(tmp_path):
    assert files(tmp_path, '''
        Set it in ``/etc/neutron/plugins/ml2/ml2_conf.ini`` and in
        ``/etc/neutron/plugins/ml2/openvswitch_agent.ini``:

        .. code-block:: ini

           [agent]
        ''') == [('', 'the paragraph before names several files '
                  '(/etc/neutron/plugins/ml2/ml2_conf.ini, '
                  '/etc/neutron/plugins/ml2/openvswitch_agent.ini)')]


def test_the_section_rule_is_for_ini_blocks_only(tmp_path):
    assert files(tmp_path, '''
        Something about cinder.conf.

        Then:

        .. code-block:: console

           # cinder-manage db sync
        ''') == [('', '')]


def test_the_section_rule_stays_in_the_section(tmp_path):
    assert files(tmp_path, '''
        Cinder
        ======

        Edit cinder.conf.

        Other
        =====

        Then:

        .. code-block:: ini

           [DEFAULT]
        ''') == [('', '')]


def test_a_block_after_other_content_does_not_climb(tmp_path):
    """Only the paragraph before a block, or the introduction of the list
    item or indented block it opens, names its file; a block after
    another block does not climb (and only ini blocks read the section's
    text)."""
    assert files(tmp_path, '''
        Edit ``/etc/haproxy/haproxy.cfg``:

        * .. code-block:: haproxy

             listen a

          .. code-block:: haproxy

             listen b
        ''') == [('/etc/haproxy/haproxy.cfg', blocks.FROM_INTRODUCTION),
                 ('', '')]


# -- options the text refers to -----------------------------------------------

def test_an_option_of_one_service_names_its_file(tmp_path):
    assert files(tmp_path, '''
        This is done with the :oslo.config:option:`pci.device_spec` option:

        .. code-block:: ini

           [pci]

        Set :oslo.config:option:`the URL <glance.endpoint_override>` and
        the :oslo.config:group:`neutron` group:

        .. code-block:: ini

           [glance]
        ''') == [('nova.conf', blocks.FROM_PARAGRAPH)] * 2


def test_an_option_every_service_has_names_no_file(tmp_path):
    assert files(tmp_path, '''
        Set :oslo.config:option:`DEFAULT.debug` and
        :oslo.config:group:`keystone_authtoken`:

        .. code-block:: ini

           [DEFAULT]
        ''') == [('', '')]


def test_a_sphinx_cross_reference_to_an_option():
    """In a Sphinx build with oslo.config's extension the roles are
    pending cross-references."""
    from docutils import nodes
    from sphinx import addnodes

    section = nodes.section()
    paragraph = nodes.paragraph('', 'Set ')
    paragraph += addnodes.pending_xref(
        '', nodes.literal('', 'pci.device_spec'), refdomain='oslo.config',
        reftype='option', reftarget='pci.device_spec')
    literal = nodes.literal_block('[pci]', '[pci]')
    section += [paragraph, literal]
    assert blocks.file_of(literal, '', '[pci]', 'ini') == (
        'nova.conf', blocks.FROM_PARAGRAPH)


# -- the section of options before the first header ---------------------------

def sections(tmp_path, text):
    """The fragment section of each block of RST *text*."""
    page = tmp_path / 'page.rst'
    page.write_text(textwrap.dedent(text), encoding='utf-8')
    doctree = rstread.read(page)
    return [s.fragment_section
            for s in doccheck.snippets(doctree, str(page))]


def test_the_section_the_paragraph_before_names(tmp_path):
    assert sections(tmp_path, '''
        Set the ``extensions`` option in the ``[agent]`` section of
        ``/etc/neutron/l3_agent.ini``:

        .. code-block:: ini

           extensions = ndp_proxy
        ''') == ['agent']


def test_the_section_the_list_introduction_names(tmp_path):
    assert sections(tmp_path, '''
        In the ``[ml2_type_vlan]`` section, list the physical networks:

        * For example, two networks:

          .. code-block:: ini

             network_vlan_ranges = physnet1,physnet2:1001:2000
        ''') == ['ml2_type_vlan']


def test_no_section_or_several_name_none(tmp_path):
    assert sections(tmp_path, '''
        Set ``quota_driver`` in ``/etc/neutron/neutron.conf``:

        .. code-block:: ini

           quota_driver = neutron.db.quota.driver_nolock.DbQuotaNoLockDriver

        In the ``[api_database]`` and ``[database]`` sections:

        .. code-block:: ini

           connection = mysql+pymysql://nova:NOVA_DBPASS@controller/nova

        A console block takes no section from the ``[agent]`` text:

        .. code-block:: console

           # systemctl restart neutron-l3-agent
        ''') == ['', '', '']


def test_the_section_the_block_before_of_the_same_file_ends_in(tmp_path):
    assert sections(tmp_path, '''
        Edit ``/etc/neutron/plugins/ml2/ml2_conf.ini``:

        * Configure the VLAN ranges:

          .. code-block:: ini

             [ml2_type_vlan]
             network_vlan_ranges = PHYSICAL_NETWORK:MIN_VLAN_ID:MAX_VLAN_ID

          Replace ``PHYSICAL_NETWORK`` with the name of the network.

          For example:

          .. code-block:: ini

             network_vlan_ranges = physnet1,physnet2:1001:2000

          .. note::

             Or, with one more network:

             .. code-block:: ini

                network_vlan_ranges = physnet1,physnet2,physnet3:1:9
        ''') == ['', 'ml2_type_vlan', 'ml2_type_vlan']


def test_no_section_from_a_block_of_another_file_or_section(tmp_path):
    assert sections(tmp_path, '''
        In ``/etc/nova/nova.conf``:

        .. code-block:: ini

           [libvirt]
           virt_type = kvm

        In ``/etc/neutron/neutron.conf``:

        .. code-block:: ini

           quota_driver = neutron.db.quota.driver_nolock.DbQuotaNoLockDriver

        Quotas
        ======

        In ``/etc/nova/nova.conf``:

        .. code-block:: ini

           debug = true

        In ``/etc/nova/nova.conf`` again:

        .. code-block:: console

           # cat /etc/nova/nova.conf

        .. code-block:: ini

           verbose = true
        ''') == ['', '', '', '', '']


def test_the_named_section_holds_the_fragment_only(tmp_path):
    """Options after a header are in that header's section."""
    page = tmp_path / 'page.rst'
    page.write_text(textwrap.dedent('''
        In the ``[agent]`` section of ``l3_agent.ini``:

        .. code-block:: ini

           extensions = ndp_proxy
           [DEFAULT]
           debug = true
        '''), encoding='utf-8')
    (snippet,) = doccheck.snippets(rstread.read(page), str(page))
    from snippetcheck.checkers import ini
    assert [(section, key) for section, key, _v, _l in ini.parse(
        snippet.text, snippet.fragment_section).assignments] == [
        ('agent', 'extensions'), ('DEFAULT', 'debug')]
