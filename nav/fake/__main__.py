"""Run the fake NAV: python -m nav.fake --port 9106 --key-file var/nav-demo-key.pem [--publish-demo ORGNR:FNR]

The key file is the app's private key (MASKINPORTEN_KEY_FILE); it is created when missing,
and the fake checks client assertions against its public half.
"""

import argparse
import signal
import sys
from pathlib import Path

from .server import FakeState, RunningFake, generate_private_key, public_key_of


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nav.fake")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--key-file", required=True)
    parser.add_argument("--client-id", default="")
    args = parser.parse_args(argv)
    key_path = Path(args.key_file)
    if not key_path.exists():
        key_path.parent.mkdir(parents=True, exist_ok=True)
        key_path.write_bytes(generate_private_key())
        key_path.chmod(0o600)
    issuer = f"http://127.0.0.1:{args.port}/"
    fake = RunningFake(
        FakeState(public_key=public_key_of(key_path.read_bytes()), issuer=issuer, client_id=args.client_id),
        port=args.port,
    )
    print(f"Fake NAV and Maskinporten on {fake.url}/", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        fake.server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        fake.server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
