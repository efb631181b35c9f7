"""Every check snippetcheck has: its stable code, family and examples.

The codes never change meaning once published, so that ``snippetcheck_ignore``
lists and per-block opt-outs keep working. ``tools/README.rst`` lists
them with their examples (see :mod:`snippetcheck.catalogue_rst`).
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Check:
    code: str
    family: str
    summary: str
    wrong: str
    right: str
    language: str = 'none'
    file: str = ''

    @property
    def external(self):
        """Whether a real tool reports it (codes starting with X)."""
        return self.code.startswith('X')


FAMILIES = ('markup', 'ini', 'haproxy', 'pcs', 'crmsh', 'openstack',
            'python', 'yaml')

CHECKS = (
    # -- general: apply to any block --------------------------------------
    Check('SC001', 'markup',
          'A block opts out of the checks without giving a reason.',
          ':snippetcheck-ignore: INI003',
          ':snippetcheck-ignore: INI003 the option is multi-valued'),
    Check('SC002', 'markup',
          'A block is too large to check; split it or opt out with a reason.',
          'a code block of several megabytes',
          'the part the reader needs, or an include of a checked file'),
    Check('SC003', 'markup',
          'A block holds control characters or binary data.',
          'listen web\\x00\\x07',
          'listen web'),
    Check('SC004', 'markup',
          'An opt-out names a code that does not exist.',
          ':snippetcheck-ignore: INI999 reason',
          ':snippetcheck-ignore: INI003 reason'),
    Check('SC005', 'markup',
          'A document cannot be read or parsed at all.',
          'a file that is not UTF-8 text',
          'UTF-8 reStructuredText'),
    Check('SC006', 'markup',
          'The checks of a block did not finish within '
          'snippetcheck_timeout; report it, and opt the block out with a '
          'reason until it is fixed.',
          'a block a check never finishes on',
          ':snippetcheck-ignore: all the checks hang on it (bug report '
          'link)'),
    # -- markup -----------------------------------------------------------
    Check('RST001', 'markup',
          'A comment is a misspelled directive: the text it holds is not '
          'shown.',
          '.. code-block: console', '.. code-block:: console', 'rst'),
    Check('RST002', 'markup',
          'A console block holds no command: lines with a prompt are '
          'commands, the rest is output.',
          '.. code-block:: console\n\n   rabbit_retry_interval=1',
          '.. code-block:: ini\n\n   rabbit_retry_interval = 1', 'rst'),
    # -- ini --------------------------------------------------------------
    Check('INI001', 'ini',
          'A section header is malformed.',
          '[DEFAULT', '[DEFAULT]', 'ini'),
    Check('INI002', 'ini',
          'A line is neither a section, an option, a comment nor a '
          'continuation.',
          'debug true', 'debug = true', 'ini'),
    Check('INI003', 'ini',
          'An option is set twice in one section; the second value wins.',
          '[DEFAULT]\ndebug = true\ndebug = false',
          '[DEFAULT]\ndebug = false', 'ini'),
    Check('INI004', 'ini',
          'An indented line continues no option.',
          '[DEFAULT]\n  true', '[DEFAULT]\ndebug = true', 'ini'),
    Check('INI005', 'ini',
          'An option has no name before its "=".',
          '= true', 'debug = true', 'ini'),
    Check('OPT001', 'ini',
          'An option the service does not have in that section (the file '
          'is named by the caption or a :file: role).',
          '[DEFAULT]\nosapi_volume_listen = 10.0.0.11',
          '[DEFAULT]\nosapi_share_listen = 10.0.0.11', 'ini',
          '/etc/manila/manila.conf'),
    Check('OPT002', 'ini',
          'A deprecated option name; the message names its replacement.',
          '[DEFAULT]\nlogdir = /var/log/nova',
          '[DEFAULT]\nlog_dir = /var/log/nova', 'ini', '/etc/nova/nova.conf'),
    Check('OPT003', 'ini',
          'An option deprecated for removal, with the reason the service '
          'gives.',
          '[glance]\napi_servers = http://10.0.0.11:9292',
          '[glance]\nendpoint_override = http://10.0.0.11:9292', 'ini',
          '/etc/nova/nova.conf'),
    Check('OPT004', 'ini',
          'A value that does not fit the option: its type, choices or '
          'bounds.',
          '[DEFAULT]\ndebug = maybe', '[DEFAULT]\ndebug = true', 'ini',
          '/etc/cinder/cinder.conf'),
    Check('OPT005', 'ini',
          'A section the file has no options for.',
          '[keystone_authtoken]\nauth_url = http://10.0.0.11:5000',
          '[cache]\nenabled = true', 'ini', '/etc/keystone/keystone.conf'),
    # -- haproxy ----------------------------------------------------------
    Check('HAP001', 'haproxy',
          'Unknown section.',
          'listener web', 'listen web', 'haproxy'),
    Check('HAP002', 'haproxy',
          'Unknown keyword.',
          'listen web\n  balanse roundrobin',
          'listen web\n  balance roundrobin', 'haproxy'),
    Check('HAP003', 'haproxy',
          'A keyword stands in a section where haproxy does not allow it.',
          'frontend web\n  server s1 10.0.0.1:80',
          'backend web\n  server s1 10.0.0.1:80', 'haproxy'),
    Check('HAP004', 'haproxy',
          '"bind" without a port.',
          'listen web\n  bind 10.0.0.10', 'listen web\n  bind 10.0.0.10:80',
          'haproxy'),
    Check('HAP005', 'haproxy',
          '"server" without an address.',
          'backend web\n  server s1 check',
          'backend web\n  server s1 10.0.0.1:80 check', 'haproxy'),
    Check('HAP006', 'haproxy',
          'A time value has an unknown unit.',
          'defaults\n  timeout client 10x',
          'defaults\n  timeout client 10s', 'haproxy'),
    Check('HAP007', 'haproxy',
          'Two proxies have the same name.',
          'listen web\nlisten web', 'listen web\nlisten web2', 'haproxy'),
    Check('HAP008', 'haproxy',
          'default_backend or use_backend names a backend the snippet does '
          'not define.',
          'frontend web\n  default_backend app',
          'frontend web\n  default_backend app\nbackend app', 'haproxy'),
    Check('HAP009', 'haproxy',
          'A keyword stands before any section.',
          'maxconn 4000', 'global\n  maxconn 4000', 'haproxy'),
    Check('HAP010', 'haproxy',
          'Unknown "option" or "timeout" name.',
          'defaults\n  option http-keepalive-on',
          'defaults\n  option http-keep-alive', 'haproxy'),
    Check('HAP011', 'haproxy',
          'A keyword lacks a required argument.',
          'backend web\n  balance', 'backend web\n  balance roundrobin',
          'haproxy'),
    Check('HAP012', 'haproxy',
          'A section that needs a name has none.',
          'listen\n  bind :80', 'listen web\n  bind :80', 'haproxy'),
    # -- pcs --------------------------------------------------------------
    Check('PCS001', 'pcs',
          'Unknown pcs command or subcommand.',
          '# pcs resource crate vip ocf:heartbeat:IPaddr2',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS002', 'pcs',
          'Malformed resource agent name.',
          '# pcs resource create vip ocf:heartbeat',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS003', 'pcs',
          'An option that current pcs (0.11 and later) no longer has.',
          '# pcs resource create lb systemd:haproxy --clone',
          '# pcs resource create lb systemd:haproxy clone', 'console'),
    Check('PCS004', 'pcs',
          'Syntax that current pcs deprecates.',
          '# pcs resource create api systemd:api --group g',
          '# pcs resource create api systemd:api\n'
          '# pcs resource group add g api', 'console'),
    Check('PCS005', 'pcs',
          '"constraint order" without "then".',
          '# pcs constraint order start vip lb-clone',
          '# pcs constraint order start vip then lb-clone', 'console'),
    Check('PCS006', 'pcs',
          'A command names a resource the document has not created before.',
          '# pcs constraint colocation add lb-clone with vipp',
          '# pcs constraint colocation add lb-clone with vip', 'console'),
    Check('PCS007', 'pcs',
          'A pcs command lacks a required argument.',
          '# pcs resource create vip',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS008', 'pcs',
          'An option or argument that pcs does not accept in that place.',
          '# pcs resource create vip ocf:heartbeat:IPaddr2 params '
          'ip=10.0.0.11',
          '# pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.11',
          'console'),
    # -- crmsh ------------------------------------------------------------
    Check('CRM001', 'crmsh',
          'Unknown crm configure element.',
          'primitve vip ocf:heartbeat:IPaddr2',
          'primitive vip ocf:heartbeat:IPaddr2', 'crmsh'),
    Check('CRM002', 'crmsh',
          'order or colocation without the score (or kind) and its colon.',
          'order o1 vip haproxy', 'order o1 Mandatory: vip haproxy',
          'crmsh'),
    Check('CRM003', 'crmsh',
          'A reference to a resource not defined earlier in the document.',
          'colocation c1 inf: haproxy vipp',
          'colocation c1 inf: haproxy vip', 'crmsh'),
    Check('CRM004', 'crmsh',
          'Malformed resource agent name.',
          'primitive vip ocf:IPaddr2', 'primitive vip ocf:heartbeat:IPaddr2',
          'crmsh'),
    Check('CRM005', 'crmsh',
          'clone, group or ms is given an agent instead of existing '
          'resource ids.',
          'clone cl_api systemd:api',
          'primitive p_api systemd:api\nclone cl_api p_api', 'crmsh'),
    Check('CRM006', 'crmsh',
          'An element lacks its id or required arguments.',
          'primitive vip', 'primitive vip ocf:heartbeat:IPaddr2', 'crmsh'),
    Check('CRM007', 'crmsh',
          'Two elements have the same id.',
          'primitive vip ocf:heartbeat:IPaddr2\nprimitive vip systemd:x',
          'primitive vip ocf:heartbeat:IPaddr2\nprimitive x systemd:x',
          'crmsh'),
    Check('CRM008', 'crmsh',
          'An element or command alias that current crmsh deprecates or '
          'has removed.',
          'primitive p_db ocf:heartbeat:galera\nms ms_db p_db',
          'primitive p_db ocf:heartbeat:galera\n'
          'clone ms_db p_db meta promotable=true',
          'crmsh'),
    # -- openstack --------------------------------------------------------
    Check('OSC001', 'openstack',
          'Unknown openstack command (python-openstackclient and the '
          'plugins the data covers).',
          '$ openstack netwrk agent list',
          '$ openstack network agent list', 'console'),
    Check('OSC002', 'openstack',
          'An option the openstack command does not have, or an '
          'abbreviation that fits several.',
          '$ openstack endpoint list --servce identity',
          '$ openstack endpoint list --service identity', 'console'),
    Check('OSC003', 'openstack',
          'An option without its value, or with a value it does not take.',
          '$ openstack endpoint list --service',
          '$ openstack endpoint list --service identity', 'console'),
    Check('OSC004', 'openstack',
          'A required argument or option of the openstack command is '
          'missing.',
          '$ openstack endpoint create --region RegionOne identity internal',
          '$ openstack endpoint create --region RegionOne identity internal '
          'http://10.0.0.11:5000/v3', 'console'),
    Check('OSC005', 'openstack',
          'More positional arguments than the openstack command takes.',
          '$ openstack volume service list cinder-volume',
          '$ openstack volume service list --service cinder-volume',
          'console'),
    Check('OSC006', 'openstack',
          'A value that is not one of the choices of the option or '
          'argument.',
          '$ openstack endpoint create --region RegionOne identity private '
          'http://10.0.0.11:5000/v3',
          '$ openstack endpoint create --region RegionOne identity internal '
          'http://10.0.0.11:5000/v3', 'console'),
    Check('OSC007', 'openstack',
          'A value of the wrong form: not an integer, not KEY=VALUE, or '
          'with keys the option does not take.',
          '$ openstack volume create --size 10G data',
          '$ openstack volume create --size 10 data', 'console'),
    Check('OSC008', 'openstack',
          'Options that exclude each other, given together.',
          '$ openstack network agent list --network NETWORK --router ROUTER',
          '$ openstack network agent list --network NETWORK', 'console'),
    Check('OSC009', 'openstack',
          'An abbreviated command or option name: it works only until a '
          'new command or option starts the same way.',
          '$ openstack net agent list',
          '$ openstack network agent list', 'console'),
    # -- external tools ---------------------------------------------------
    Check('XHA001', 'haproxy',
          'haproxy -c rejects the configuration (an ALERT).',
          'listen web\n  bind :80\n  balance roundrobinn',
          'listen web\n  bind :80\n  balance roundrobin', 'haproxy'),
    Check('XHA002', 'haproxy',
          'haproxy -c warns about the configuration (a WARNING).',
          'global\n  maxconn 4000\ndefaults\n  log global\n  mode http\n'
          '  option httplog\n  timeout connect 5s\n  timeout client 1m\n'
          '  timeout server 1m\nlisten web\n  bind :80',
          'global\n  log /dev/log local0\ndefaults\n  log global\n'
          '  mode http\n  option httplog\n  timeout connect 5s\n'
          '  timeout client 1m\n  timeout server 1m\nlisten web\n'
          '  bind :80', 'haproxy'),
    Check('XHA003', 'haproxy',
          'haproxy -c did not finish in time, or failed without saying '
          'why (a crash); the result is not cached.',
          'a configuration haproxy hangs on', 'a configuration it checks',
          'none'),
    Check('XHA004', 'haproxy',
          'The snippet loads code or a file haproxy would have to trust '
          '(lua-load, ssl-engine, a filter\'s configuration file, a keyword '
          'taken from an environment variable): it is not replayed.',
          'global\n  lua-load /etc/haproxy/auth.lua',
          'global\n  log /dev/log local0', 'haproxy'),
    Check('XPCS001', 'pcs',
          'pcs rejects the command when the commands of the document are '
          'replayed into a scratch CIB.',
          '# pcs constraint colocation add lb-clone with vipp',
          '# pcs constraint colocation add lb-clone with vip', 'console'),
    Check('XPCS002', 'pcs',
          'crm_verify finds a problem in the CIB the pcs commands build.',
          '# pcs resource create web-ip ocf:heartbeat:IPaddr2 '
          'ip=10.0.0.11 meta target-role=Unpromoted',
          '# pcs resource create web-ip ocf:heartbeat:IPaddr2 '
          'ip=10.0.0.11 meta target-role=Started', 'console'),
    Check('XPCS003', 'pcs',
          'The pcs replay could not run, or pcs hung or crashed on this '
          'command; the result is not cached.',
          'a command pcs hangs on', 'a command pcs answers', 'none'),
    Check('XPCS004', 'pcs',
          'A command whose agent name could lead pcs out of the agent '
          'directories is not replayed.',
          '# pcs resource create x ocf:heartbeat:../../../tmp/agent',
          '# pcs resource create x ocf:heartbeat:Dummy', 'console'),
    Check('XCRM001', 'crmsh',
          'crm reports an ERROR when the crmsh input of the document is '
          'replayed into a scratch CIB.',
          'clone cl_keystone ocf:openstack:keystone',
          'primitive p_keystone systemd:apache2\n'
          'clone cl_keystone p_keystone', 'crmsh'),
    Check('XCRM002', 'crmsh',
          'crm reports a WARNING for the replayed crmsh input.',
          'colocation c inf: cl_api nosuchvip',
          'colocation c inf: cl_api vip', 'crmsh'),
    Check('XCRM003', 'crmsh',
          'The crm replay could not run, or crm hung or crashed on this '
          'line (the lines after it are replayed without it); the result '
          'is not cached.',
          'input crm hangs on', 'input crm answers', 'none'),
    Check('XCRM004', 'crmsh',
          'crmsh input that is not a configuration element (filter, save, '
          'load, cib, up, cd, options, node, cluster, script, ...) acts on '
          'files, the shell or a live cluster: the guide may show it, but '
          'it is not replayed.',
          'filter "sed s/a/b/"',
          'primitive vip2 ocf:heartbeat:IPaddr2 params ip=10.0.0.12',
          'crmsh'),
    # -- python and yaml --------------------------------------------------
    Check('PY001', 'python',
          'A python block does not parse.',
          'OPENSTACK_HOST = 10.0.0.11', 'OPENSTACK_HOST = "10.0.0.11"',
          'python'),
    Check('YML001', 'yaml',
          'A yaml block does not parse.',
          'sources:\n - name: x\n  meters: [a', 'sources:\n  - name: x',
          'yaml'),
)

BY_CODE = {check.code: check for check in CHECKS}


def family(code):
    """The family (warning subtype) of *code*; unknown codes are markup."""
    check = BY_CODE.get(code)
    return check.family if check else 'markup'
