"""An SMTP server on loopback for the email receiver's tests (aiosmtpd).

    smtpd.py MODE CERT KEY

MODE is "starttls" (STARTTLS offered and required before MAIL, AUTH
required), "tls" (implicit TLS on connect, AUTH required), "login" (as
starttls, offering AUTH LOGIN only) or "plain" (no TLS offered, no AUTH).
Listens on a free port of 127.0.0.1 and prints "port N". Every message it
takes is printed as one JSON line: {"from", "to", "data", "user", "tls"}.
A recipient at tempfail.invalid gets a 451, one at reject.invalid a 550.
The user "ops" with password "s3cret" is the only one that authenticates.
"""

import asyncio
import json
import logging
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@tempfail.invalid"):
            return "451 4.3.0 try again later"
        if address.endswith("@reject.invalid"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        print(json.dumps({
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "user": session.auth_data.login.decode() if session.authenticated else None,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
        }), flush=True)
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"ops" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


async def main(mode, cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Handler()

    def factory():
        common = dict(hostname="localhost", authenticator=authenticate)
        if mode == "plain":
            return SMTP(handler, auth_require_tls=False, **common)
        if mode == "tls":
            return SMTP(handler, auth_required=True, auth_require_tls=False, **common)
        exclude = ["PLAIN"] if mode == "login" else []
        return SMTP(handler, tls_context=context, require_starttls=True, auth_required=True,
                    auth_exclude_mechanism=exclude, **common)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0, ssl=context if mode == "tls" else None)
    print("port", server.sockets[0].getsockname()[1], flush=True)
    # The test closes stdin to stop the server.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    # AUTH without STARTTLS in "tls" mode is what implicit TLS means: the
    # library's warnings about it, and its session log, are noise here.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    asyncio.run(main(*sys.argv[1:4]))
