"""Start the test identity provider in a subprocess on a free port.

provider = start(people={"kari": {"password": "…", "email": "…", "employee_id": "…"}},
                 client_id="…", secret="…", redirect_uris=["http://…/konto/oidc/test/login/callback/"])
provider.issuer  # http://127.0.0.1:<port>/o
provider.stop()
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen
    workdir: tempfile.TemporaryDirectory

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.workdir.cleanup()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    *, people: dict, client_id: str, secret: str, redirect_uris: list[str], post_logout_redirect_uris: list[str] = ()
) -> Provider:
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    workdir = tempfile.TemporaryDirectory(prefix="oidc-provider-")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OP_DATABASE": str(Path(workdir.name) / "op.sqlite3"),
        "OP_RSA_PRIVATE_KEY": key,
        "OP_PEOPLE": json.dumps({name: {k: v for k, v in p.items() if k != "password"} for name, p in people.items()}),
        "OP_SETUP": json.dumps(
            {
                "people": people,
                "client_id": client_id,
                "secret": secret,
                "redirect_uris": list(redirect_uris),
                "post_logout_redirect_uris": list(post_logout_redirect_uris),
            }
        ),
    }
    log = open(Path(workdir.name) / "op.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}/o"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(
                "The test identity provider did not start: " + (Path(workdir.name) / "op.log").read_text()[-3000:]
            )
        time.sleep(0.2)
    return Provider(issuer=issuer, process=process, workdir=workdir)


def _main(port: int) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    setup = json.loads(os.environ["OP_SETUP"])
    for username, person in setup["people"].items():
        User.objects.create_user(username=username, password=person["password"], email=person.get("email", ""))
    Application.objects.create(
        name="Sykefravær",
        client_id=setup["client_id"],
        client_secret=setup["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(setup["redirect_uris"]),
        post_logout_redirect_uris=" ".join(setup["post_logout_redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    _main(int(sys.argv[1]))
