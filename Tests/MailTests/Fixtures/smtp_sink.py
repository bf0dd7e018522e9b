"""A loopback SMTP server for MailTests, built on aiosmtpd.

Prints the port it listens on (127.0.0.1, chosen by the system) as the first line of standard output, then serves
until terminated or until standard input closes (the test process is gone). Each accepted message is written to
FOLDER as NNNN.eml (the DATA content after dot-unstuffing, byte for byte) and then NNNN.json (envelope and the
client's address, so tests can tell connections apart); the .json appears last and marks a complete message.

--replies gives the replies to successive final dots, e.g. "451 4.3.0 Try later" "250 OK"; once they are used up
every message gets 250. --no-ehlo answers EHLO with 502 so the client must fall back to HELO.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import threading

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, folder, replies):
        self.folder = folder
        self.replies = list(replies)
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        reply = self.replies.pop(0) if self.replies else "250 OK queued"
        if reply.startswith("2"):
            self.count += 1
            base = os.path.join(self.folder, "%04d" % self.count)
            with open(base + ".eml", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".tmp", "w") as f:
                json.dump({"peer": list(session.peer)[:2], "mail_from": envelope.mail_from,
                           "rcpt_tos": envelope.rcpt_tos}, f)
            os.rename(base + ".tmp", base + ".json")
        return reply


class NoEHLO(SMTP):
    async def smtp_EHLO(self, hostname):
        await self.push("502 5.5.1 EHLO not implemented")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--replies", nargs="*", default=[])
    parser.add_argument("--no-ehlo", action="store_true")
    args = parser.parse_args()
    # The parent may have spawned us with signals blocked; make SIGTERM work as the test expects.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    handler = Handler(args.folder, args.replies)
    kind = NoEHLO if args.no_ehlo else SMTP

    # The test process holds our standard input; when it ends, so do we.
    def watch_parent():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: kind(handler, hostname="sink.test"), "127.0.0.1", 0)
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(120)
        os._exit(0)

    asyncio.run(serve())


if __name__ == "__main__":
    main()
