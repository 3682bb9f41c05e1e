"""A real nginx in front of a test gunicorn, running the SHIPPED deploy/nginx/*.conf.

Only mechanical substitutions are made (listen ports, the upstream address, and the paths of
the cache, logs, certificate and media), so a test exercises the file production installs.
nginx runs as an ordinary process (as `nobody` when the tests run as root) with its own prefix,
temp and cache directories, and listens on 127.0.0.1 only. `request()` can bind its socket to
any 127.x address, so nginx sees different clients ($remote_addr) on one machine.
"""

import http.client
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "painsite.example.org"  # the shipped server_name; ALLOWED_HOSTS and SITE_URL must name it
MIME_TYPES = "/etc/nginx/mime.types"


# Under CI (which installs nginx, .ci/run) a missing nginx is a failure, not a skip.
needed = pytest.mark.skipif(
    not (os.path.exists(NGINX) and shutil.which("openssl")) and not os.environ.get("CI"),
    reason="needs nginx and openssl (.ci/run installs Debian's nginx)",
)


class Nginx:
    def __init__(self, directory, port, tls):
        self.directory = directory
        self.port = port
        self.tls = tls
        self.origin = f"{'https' if tls else 'http'}://{HOST}"

    @property
    def access_log(self):
        # painsite.conf names its own file; compose.conf the image's (sent to the container's output).
        logs = self.directory / "logs"
        return "".join(path.read_text() for path in (logs / "painsite.access.log", logs / "access.log") if path.exists())

    def request(self, method, path, source="127.0.0.1", headers=None, body=b""):
        """(status, headers as a lower-cased dict, body) for one request on a new connection."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=20, source_address=(source, 0))
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the test's self-signed certificate
            sock = context.wrap_socket(sock, server_hostname=HOST)
        with sock:
            lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
            lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
            if body or method == "POST":
                lines.append(f"Content-Length: {len(body)}")
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            response = http.client.HTTPResponse(sock, method=method)
            response.begin()
            content = response.read()
            found = {}
            for name, value in response.getheaders():
                found[name.lower()] = f"{found[name.lower()]}, {value}" if name.lower() in found else value
            return response.status, found, content


def shipped_config(name, upstream_port, directory, http_port, tls_port):
    """deploy/nginx/<name> with only the mechanical substitutions a test needs."""
    text = (ROOT / "deploy" / "nginx" / name).read_text()
    text = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", text)  # no IPv6 here
    text = re.sub(r"listen (?:80|8080)\b", f"listen 127.0.0.1:{http_port}", text)
    text = re.sub(r"listen 443\b", f"listen 127.0.0.1:{tls_port}", text)
    text = re.sub(r"server (?:10\.0\.0\.11|web):8000", f"server 127.0.0.1:{upstream_port}", text)
    text = re.sub(r"\n\s*server 10\.0\.0\.12:8000[^;]*;", "", text)
    for shipped, local in {
        "/var/cache/nginx/painsite": directory / "cache",
        "/var/log/nginx/": f"{directory / 'logs'}/",
        "/etc/ssl/painsite/": f"{directory / 'ssl'}/",
        "/srv/painsite/var": directory / "var",
        "/var/www/letsencrypt": directory / "www",
    }.items():
        text = text.replace(shipped, str(local))
    return text


@contextmanager
def nginx(upstream_url, name="painsite.conf"):
    """nginx with deploy/nginx/<name> in front of `upstream_url` (http://127.0.0.1:<port>)."""
    upstream_port = int(upstream_url.rsplit(":", 1)[1])
    tls = name == "painsite.conf"
    directory = Path(tempfile.mkdtemp(prefix="painsite-nginx-"))  # under /tmp, so `nobody` can reach it
    for sub in ("logs", "ssl", "var/media", "www", "temp"):
        (directory / sub).mkdir(parents=True)
    if tls:
        subprocess.run(
            ["openssl", "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
            + ["-days", "2", "-subj", f"/CN={HOST}", "-keyout", directory / "ssl/privkey.pem"]
            + ["-out", directory / "ssl/fullchain.pem"],
            check=True,
            capture_output=True,
        )
    http_port = free_port()
    tls_port = next(p for p in iter(free_port, None) if p != http_port)
    (directory / "painsite.conf").write_text(shipped_config(name, upstream_port, directory, http_port, tls_port))
    temp = directory / "temp"
    (directory / "nginx.conf").write_text(
        "worker_processes 1;\nevents { worker_connections 256; }\nhttp {\n"
        f"  include {MIME_TYPES};\n  default_type application/octet-stream;\n"
        f"  access_log {directory / 'logs/http.log'};\n"
        + "".join(f"  {kind}_temp_path {temp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"  include {directory / 'painsite.conf'};\n}}\n"
    )
    run_as = {}
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for path in [directory, *directory.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
        run_as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    command = [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", str(directory / "logs/error.log")]
    command += ["-g", f"daemon off; pid {directory / 'nginx.pid'};"]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, **run_as)
    if check.returncode:
        shutil.rmtree(directory, ignore_errors=True)
        raise AssertionError(f"nginx -t refused the shipped {name}:\n{check.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **run_as)
    server = Nginx(directory, tls_port if tls else http_port, tls)
    try:
        for _ in range(100):
            try:
                if server.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise AssertionError(f"nginx did not answer:\n{(directory / 'logs/error.log').read_text()}")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)
