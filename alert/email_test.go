package alert

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/internal/testenv"
)

// smtpServer is aiosmtpd on loopback (testdata/smtpd.py), with a
// certificate made for the test; caFile is the certificate to trust it by.
type smtpServer struct {
	addr, caFile string
	mail         chan smtpMail
}

// smtpMail is a message the server took.
type smtpMail struct {
	From string   `json:"from"`
	To   []string `json:"to"`
	Data string   `json:"data"`
	User *string  `json:"user"`
	TLS  bool     `json:"tls"`
}

func startSMTP(t *testing.T, mode string) *smtpServer {
	t.Helper()
	dir := t.TempDir()
	certFile, keyFile := selfSigned(t, dir)
	cmd := exec.Command(testenv.Python(t), "testdata/smtpd.py", mode, certFile, keyFile)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close() // the server stops at the end of its input
		cmd.Wait()
	})
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("smtpd.py %s did not start: %v", mode, lines.Err())
	}
	port, ok := strings.CutPrefix(lines.Text(), "port ")
	if !ok {
		t.Fatalf("smtpd.py said %q", lines.Text())
	}
	s := &smtpServer{addr: net.JoinHostPort("127.0.0.1", port), caFile: certFile, mail: make(chan smtpMail, 10)}
	go func() {
		for lines.Scan() {
			var m smtpMail
			if err := json.Unmarshal(lines.Bytes(), &m); err != nil {
				t.Errorf("smtpd.py: %q: %v", lines.Text(), err)
				continue
			}
			s.mail <- m
		}
	}()
	return s
}

// next waits for the next message the server took.
func (s *smtpServer) next(t *testing.T) smtpMail {
	t.Helper()
	select {
	case m := <-s.mail:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("the SMTP server took no message")
	}
	return smtpMail{}
}

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tidewatch test SMTP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for file, block := range map[string]*pem.Block{certFile: {Type: "CERTIFICATE", Bytes: der}, keyFile: {Type: "PRIVATE KEY", Bytes: keyDER}} {
		if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return certFile, keyFile
}

func emailReceiver(s *smtpServer, tls string, to ...string) config.Receiver {
	if len(to) == 0 {
		to = []string{"oncall@example.com", "desk@example.com"}
	}
	return config.Receiver{Name: "mail", Type: "email", Smarthost: s.addr, From: "tidewatch <tidewatch@example.com>", To: to,
		UsernameEnv: "SMTP_USER", PasswordEnv: "SMTP_PASSWORD", TLS: tls, CAFile: s.caFile, Timeout: config.Duration{Duration: 10 * time.Second}}
}

var smtpEnv = map[string]string{"SMTP_USER": "ops", "SMTP_PASSWORD": "s3cret"}

func send(t *testing.T, r config.Receiver, env map[string]string, alerts ...Alert) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return notifier(t, r, env).Notify(ctx, alerts)
}

// The message goes over STARTTLS with AUTH to every recipient, and reads
// as a person wants it: the subject names the instance and the first
// problem, the body every problem, its details, its id and the status
// page.
func TestEmailOverStartTLSWithAuth(t *testing.T) {
	t.Parallel()
	s := startSMTP(t, "starttls")
	resolve := problem(Resolve)
	resolve.ID = "fedcba9876543210fedcba9876543210"
	resolve.Problem.Details = map[string]any{"staleness_s": 305.7828728086709}
	if err := send(t, emailReceiver(s, ""), smtpEnv, problem(Trigger), resolve); err != nil {
		t.Fatal(err)
	}
	m := s.next(t)
	if !m.TLS || m.User == nil || *m.User != "ops" || m.From != "tidewatch@example.com" ||
		strings.Join(m.To, ",") != "oncall@example.com,desk@example.com" {
		t.Errorf("envelope %+v", m)
	}
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "[tidewatch prod-ams-1] CRITICAL integrity: ACB-critical indicator vix is NaN (since 2026-11-23 12:00 UTC) (+1 more)"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	if got := msg.Header.Get("Message-ID"); got != "<"+MessageKey([]Alert{problem(Trigger), resolve})+"@tidewatch.invalid>" {
		t.Errorf("Message-ID %q", got)
	}
	if msg.Header.Get("Auto-Submitted") != "auto-generated" || msg.Header.Get("To") != "oncall@example.com, desk@example.com" {
		t.Errorf("header %v", msg.Header)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"CRITICAL integrity: ACB-critical indicator vix is NaN (since 2026-11-23 12:00 UTC)\r\n  indicator vix · reason NaN",
		"notification 0123456789abcdef0123456789abcdef",
		"RESOLVED integrity: ACB-critical indicator vix is NaN (was critical for 5m0s)\r\n  indicator vix · staleness 5m6s",
		"Sent by tidewatch on prod-ams-1 (env=prod, team=trading).",
		"Status page: https://tidewatch.example.com/ops/",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

// Implicit TLS (port 465 style), and AUTH LOGIN with a server that offers
// nothing else.
func TestEmailOverImplicitTLSAndAuthLogin(t *testing.T) {
	t.Parallel()
	tlsServer, login := startSMTP(t, "tls"), startSMTP(t, "login")
	if err := send(t, emailReceiver(tlsServer, config.SMTPTLS), smtpEnv, problem(Trigger)); err != nil {
		t.Fatal(err)
	}
	if m := tlsServer.next(t); !m.TLS || m.User == nil || *m.User != "ops" {
		t.Errorf("implicit TLS: %+v", m)
	}
	if err := send(t, emailReceiver(login, ""), smtpEnv, problem(Trigger)); err != nil {
		t.Fatal(err)
	}
	if m := login.next(t); !m.TLS || m.User == nil || *m.User != "ops" {
		t.Errorf("AUTH LOGIN: %+v", m)
	}
}

// What fails says why, and whether a retry can help: a server without
// STARTTLS gets nothing (not even the password), a certificate nobody
// vouches for is refused, a wrong password and a 550 are for good, a 451
// is worth a retry.
func TestEmailFailuresAreClassified(t *testing.T) {
	t.Parallel()
	starttls, plain := startSMTP(t, "starttls"), startSMTP(t, "plain")
	untrusted := emailReceiver(starttls, "")
	untrusted.CAFile = ""
	for _, tt := range []struct {
		name      string
		r         config.Receiver
		env       map[string]string
		want      string
		permanent bool
	}{
		{"no STARTTLS offered", emailReceiver(plain, ""), smtpEnv, "does not offer STARTTLS; nothing was sent", true},
		{"an untrusted certificate", untrusted, smtpEnv, "mail: STARTTLS: tls: failed to verify certificate", false},
		{"a wrong password", emailReceiver(starttls, ""), map[string]string{"SMTP_USER": "ops", "SMTP_PASSWORD": "wrong"}, "mail: AUTH: 535", true},
		{"a rejected recipient", emailReceiver(starttls, "", "a@example.com", "nobody@reject.invalid"), smtpEnv, "mail: RCPT TO nobody@reject.invalid: 550", true},
		{"a temporary failure", emailReceiver(starttls, "", "a@tempfail.invalid"), smtpEnv, "mail: RCPT TO a@tempfail.invalid: 451", false},
	} {
		err := send(t, tt.r, tt.env, problem(Trigger))
		if err == nil || !strings.Contains(err.Error(), tt.want) || IsPermanent(err) != tt.permanent || MaybeDelivered(err) {
			t.Errorf("%s: %v (permanent %v, maybe delivered %v); want %q, permanent %v", tt.name, err, IsPermanent(err), MaybeDelivered(err), tt.want, tt.permanent)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: the password is in the error: %v", tt.name, err)
		}
	}
	// The servers print messages in the order they take them: the first
	// each prints now is the one sent next, so none of the failures above
	// got through. A relay on loopback without TLS takes mail when told
	// to send in the clear.
	if err := send(t, emailReceiver(starttls, "", "after@example.com"), smtpEnv, problem(Trigger)); err != nil {
		t.Fatal(err)
	}
	if m := starttls.next(t); strings.Join(m.To, ",") != "after@example.com" {
		t.Errorf("a failed send got through: %+v", m)
	}
	relay := emailReceiver(plain, config.SMTPNoTLS)
	relay.UsernameEnv, relay.PasswordEnv = "", ""
	if err := send(t, relay, nil, problem(Trigger)); err != nil {
		t.Fatal(err)
	}
	if m := plain.next(t); m.TLS || m.User != nil || strings.Join(m.To, ",") != "oncall@example.com,desk@example.com" {
		t.Errorf("relay: %+v", m)
	}
}
