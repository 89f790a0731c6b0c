// Command pki writes the test control plane's keys into -dir: a CA (ca.crt), a serving
// certificate for 127.0.0.1/localhost and the in-cluster service IP (apiserver.crt/.key), and
// the service-account signing key pair (sa.key/sa.pub). Test use only: ECDSA P-256, one year.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

func main() {
	dir := flag.String("dir", "", "output directory (required)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("pki: -dir is required")
	}
	caKey := newKey()
	now := time.Now().Add(-time.Hour)
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kuberik-real-cluster-ca"},
		NotBefore:             now,
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	check(err)
	ca, err := x509.ParseCertificate(caDER)
	check(err)

	srvKey := newKey()
	srvTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "kube-apiserver"},
		NotBefore:    now,
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.0.0.1")},
	}
	srvDER, err := x509.CreateCertificate(rand.Reader, srvTmpl, ca, &srvKey.PublicKey, caKey)
	check(err)

	saKey := newKey()
	saPub, err := x509.MarshalPKIXPublicKey(&saKey.PublicKey)
	check(err)

	write(*dir, "ca.crt", "CERTIFICATE", caDER)
	write(*dir, "apiserver.crt", "CERTIFICATE", srvDER)
	write(*dir, "apiserver.key", "EC PRIVATE KEY", ecBytes(srvKey))
	write(*dir, "sa.key", "EC PRIVATE KEY", ecBytes(saKey))
	write(*dir, "sa.pub", "PUBLIC KEY", saPub)
}

func newKey() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check(err)
	return k
}

func ecBytes(k *ecdsa.PrivateKey) []byte {
	b, err := x509.MarshalECPrivateKey(k)
	check(err)
	return b
}

func write(dir, name, typ string, der []byte) {
	check(os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600))
}

func check(err error) {
	if err != nil {
		log.Fatalf("pki: %v", err)
	}
}
