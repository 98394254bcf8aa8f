# shellcheck shell=bash
# The Berth lab: TLS material made with the openssl CLI. Sourced by lib.sh; defines functions only.

# --- TLS material ----------------------------------------------------------------------------

lab_make_pki() {
  local p=$LAB_PKI
  mkdir -p "$p"/{client,rogue,wrong-san,expired,ca-db}
  cat >"$p/openssl.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = Berth lab
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[wrong_san_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:elsewhere.invalid
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca]
default_ca = lab_ca
[lab_ca]
database = $p/ca-db/index.txt
new_certs_dir = $p/ca-db
serial = $p/ca-db/serial
default_md = sha256
policy = lab_policy
unique_subject = no
copy_extensions = none
[lab_policy]
commonName = supplied
EOF
  lab_make_ca "$p/ca" 'Berth lab CA'
  lab_make_leaf "$p/ca" "$p/server" server_ext localhost
  mv "$p/server/cert.pem" "$p/server-cert.pem"
  mv "$p/server/key.pem" "$p/server-key.pem"
  rmdir "$p/server"
  lab_make_leaf "$p/ca" "$p/client" client_ext 'berth-lab-client'
  cp "$p/ca.pem" "$p/client/ca.pem"
  lab_make_ca "$p/rogue/ca" 'Berth lab rogue CA'
  lab_make_leaf "$p/rogue/ca" "$p/rogue" client_ext 'berth-lab-rogue-client'
  lab_make_leaf "$p/ca" "$p/wrong-san" wrong_san_ext elsewhere.invalid
  # Expired: valid for January 2020 only. `openssl ca` is the 3.0 CLI's way to set past dates.
  : >"$p/ca-db/index.txt"
  openssl rand -hex 16 >"$p/ca-db/serial"
  openssl req -new -config "$p/openssl.cnf" -newkey rsa:2048 -nodes -subj '/CN=berth-lab-expired-client' \
    -keyout "$p/expired/key.pem" -out "$p/expired/req.csr" 2>/dev/null
  openssl ca -batch -notext -config "$p/openssl.cnf" -name lab_ca -extensions client_ext \
    -cert "$p/ca.pem" -keyfile "$p/ca-key.pem" -startdate 20200101000000Z -enddate 20200201000000Z \
    -in "$p/expired/req.csr" -out "$p/expired/cert.pem" 2>/dev/null
  rm -f "$p/expired/req.csr"
  chmod 0600 "$p"/*key.pem "$p"/*/key.pem "$p"/*/ca-key.pem
}

# lab_make_ca <prefix> <CN>: writes <prefix>.pem and <prefix>-key.pem.
lab_make_ca() {
  openssl req -x509 -new -config "$LAB_PKI/openssl.cnf" -extensions ca_ext -newkey rsa:2048 -nodes \
    -days 3650 -subj "/CN=$2" -keyout "$1-key.pem" -out "$1.pem" 2>/dev/null
}

# lab_make_leaf <ca-prefix> <dir> <extension-section> <CN>: writes <dir>/cert.pem and <dir>/key.pem.
lab_make_leaf() {
  mkdir -p "$2"
  openssl req -new -config "$LAB_PKI/openssl.cnf" -newkey rsa:2048 -nodes -subj "/CN=$4" \
    -keyout "$2/key.pem" -out "$2/req.csr" 2>/dev/null
  openssl x509 -req -in "$2/req.csr" -CA "$1.pem" -CAkey "$1-key.pem" -set_serial "0x$(openssl rand -hex 16)" \
    -days 825 -extfile "$LAB_PKI/openssl.cnf" -extensions "$3" -out "$2/cert.pem" 2>/dev/null
  rm -f "$2/req.csr"
}
