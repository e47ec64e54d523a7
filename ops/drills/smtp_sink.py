"""A minimal SMTP server for drills and tests: no side effects on import."""

import socketserver
import threading


class SmtpSink:
    """A minimal SMTP server that keeps what it is sent, in memory.

    `starttls` decides what it says about TLS: "none" (not offered), "refuse" (offered, then
    refused with 454), so a drill can check that Django never falls back to plain text.
    `refuse_recipients` answers every RCPT with a permanent 550, as for a mailbox that does not exist.
    """

    def __init__(self, port, starttls="none", refuse_recipients=False):
        self.port = port
        self.starttls = starttls
        self.refuse_recipients = refuse_recipients
        self.messages = []
        self.commands = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                def say(line):
                    self.wfile.write(line.encode() + b"\r\n")

                say("220 drill-sink ESMTP")
                envelope = {"from": None, "to": []}
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    line = raw.decode(errors="replace").strip()
                    verb = line.split(" ")[0].upper()
                    sink.commands.append(verb)
                    if verb in ("EHLO", "HELO"):
                        if sink.starttls == "none":
                            say("250 drill-sink")
                        else:
                            say("250-drill-sink")
                            say("250 STARTTLS")
                    elif verb == "STARTTLS":
                        say("454 TLS not available due to temporary reason")
                    elif verb == "MAIL":
                        envelope = {"from": line[10:], "to": []}
                        say("250 OK")
                    elif verb == "RCPT" and sink.refuse_recipients:
                        say(f"550 5.1.1 {line[8:]}: Recipient address rejected: User unknown")
                    elif verb == "RCPT":
                        envelope["to"].append(line[8:])
                        say("250 OK")
                    elif verb == "DATA":
                        say("354 End data with <CR><LF>.<CR><LF>")
                        body = []
                        while True:
                            data = self.rfile.readline()
                            if not data or data in (b".\r\n", b".\n"):
                                break
                            body.append(data.decode(errors="replace"))
                        sink.messages.append({**envelope, "data": "".join(body)})
                        say("250 OK queued")
                    elif verb == "QUIT":
                        say("221 Bye")
                        return
                    else:
                        say("250 OK")

        class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
