"""How uvicorn is started: by ``manage.py serve`` (``make run``) and by the systemd unit of a
real deployment, with the same WebSocket settings, parsed by the installed uvicorn itself."""

import shlex
from pathlib import Path

import pytest
from uvicorn.main import main as uvicorn_cli

from cms.management.commands.serve import server_command

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "socialshift-web.service"


def uvicorn_options(arguments: list[str]) -> dict:
    """The options uvicorn's own command line makes of ``arguments`` (the app first)."""
    return uvicorn_cli.make_context("uvicorn", list(arguments)).params


def unit_arguments() -> list[str]:
    text = UNIT.read_text().replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    command = shlex.split(line.removeprefix("ExecStart="))
    assert command[0].endswith("/uvicorn")
    return command[1:]


@pytest.mark.parametrize("arguments", [server_command(host="127.0.0.1", port=8015)[3:], unit_arguments()])
def test_websockets_run_sans_io_and_uncompressed(arguments):
    options = uvicorn_options(arguments)
    assert options["app"] == "cms.asgi:application"
    assert options["ws"] == "websockets-sansio"
    assert options["ws_per_message_deflate"] is False


def test_serve_uses_the_host_and_port_it_is_given():
    command = server_command(host="0.0.0.0", port="8123")  # noqa: S104 (parsed, not bound)
    assert command[1:3] == ["-m", "uvicorn"]
    options = uvicorn_options(command[3:])
    assert (options["host"], options["port"]) == ("0.0.0.0", 8123)  # noqa: S104
