/**
 * Every keyword of OpenSSH's ssh_config (lower-cased, as ssh compares them). A directive not
 * listed is unknown: ignored with a note, as ssh would refuse it unless IgnoreUnknown names it.
 */
// prettier-ignore
export const OPENSSH_DIRECTIVES: ReadonlySet<string> = new Set([
  'host', 'match', 'include', 'addkeystoagent', 'addressfamily', 'batchmode', 'bindaddress', 'bindinterface',
  'canonicaldomains', 'canonicalizefallbacklocal', 'canonicalizehostname', 'canonicalizemaxdots',
  'canonicalizepermittedcnames', 'casignaturealgorithms', 'certificatefile', 'challengeresponseauthentication',
  'channeltimeout', 'checkhostip', 'ciphers', 'clearallforwardings', 'compression', 'connectionattempts',
  'connecttimeout', 'controlmaster', 'controlpath', 'controlpersist', 'dynamicforward', 'enableescapecommandline',
  'enablesshkeysign', 'escapechar', 'exitonforwardfailure', 'fingerprinthash', 'forkafterauthentication',
  'forwardagent', 'forwardx11', 'forwardx11timeout', 'forwardx11trusted', 'gatewayports', 'globalknownhostsfile',
  'gssapiauthentication', 'gssapidelegatecredentials', 'hashknownhosts', 'hostbasedacceptedalgorithms',
  'hostbasedauthentication', 'hostbasedkeytypes', 'hostkeyalgorithms', 'hostkeyalias', 'hostname', 'identitiesonly',
  'identityagent', 'identityfile', 'ignoreunknown', 'ipqos', 'kbdinteractiveauthentication', 'kbdinteractivedevices',
  'kexalgorithms', 'knownhostscommand', 'localcommand', 'localforward', 'loglevel', 'logverbose', 'macs',
  'nohostauthenticationforlocalhost', 'numberofpasswordprompts', 'obscurekeystroketiming', 'passwordauthentication',
  'permitlocalcommand', 'permitremoteopen', 'pkcs11provider', 'port', 'preferredauthentications', 'proxycommand',
  'proxyjump', 'proxyusefdpass', 'pubkeyacceptedalgorithms', 'pubkeyacceptedkeytypes', 'pubkeyauthentication',
  'refuseconnection', 'rekeylimit', 'remotecommand', 'remoteforward', 'requesttty', 'requiredrsasize',
  'revokedhostkeys', 'securitykeyprovider', 'sendenv', 'serveralivecountmax', 'serveraliveinterval', 'sessiontype',
  'setenv', 'stdinnull', 'streamlocalbindmask', 'streamlocalbindunlink', 'stricthostkeychecking', 'syslogfacility',
  'tag', 'tcpkeepalive', 'tunnel', 'tunneldevice', 'updatehostkeys', 'usekeychain', 'user', 'userknownhostsfile',
  'verifyhostkeydns', 'visualhostkey', 'warnweakcrypto', 'xauthlocation',
]);

/**
 * Directives that change how ssh reaches or checks a host but that Berth does not honour:
 * an alias using one still imports, with this note, so the operator knows what differs.
 */
export const UNHONOURED_DIRECTIVES: Readonly<Record<string, string>> = {
  hostkeyalias: 'HostKeyAlias is not used: Berth looks the host key up under the host name and port.',
  stricthostkeychecking: 'StrictHostKeyChecking is not used: Berth always checks host keys and asks about new ones.',
  certificatefile: 'CertificateFile is not used: Berth authenticates with the key itself, not an SSH certificate.',
  canonicalizehostname: 'CanonicalizeHostName is not used: Berth connects to the HostName as written.',
  localforward: 'LocalForward is not used: Berth only forwards the Docker socket.',
  remoteforward: 'RemoteForward is not used: Berth only forwards the Docker socket.',
  dynamicforward: 'DynamicForward is not used: Berth only forwards the Docker socket.',
};
