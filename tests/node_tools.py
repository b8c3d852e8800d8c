"""Node tools the consumer tests drive (the SARIF multitool, yaml-language-server), found without installing them.

They are looked up on PATH and under $ECOPLAN_NODE_TOOLS/node_modules/.bin (default ~/.cache/ecoplan-node-tools),
where CI installs them with
    npm install --prefix "$ECOPLAN_NODE_TOOLS" @microsoft/sarif-multitool yaml-language-server
Tests that need one skip with that line as the reason when it (or node) is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

INSTALL = 'npm install --prefix "$ECOPLAN_NODE_TOOLS" @microsoft/sarif-multitool yaml-language-server'


def node_tool(name: str) -> str:
    """The path of a node tool's executable, or a pytest skip saying how to install it."""
    if shutil.which("node") is None:
        pytest.skip(f"node is not installed (apt-get install nodejs npm; then {INSTALL})")
    prefix = Path(os.environ.get("ECOPLAN_NODE_TOOLS", Path.home() / ".cache" / "ecoplan-node-tools"))
    for candidate in (prefix / "node_modules" / ".bin" / name, shutil.which(name)):
        if candidate and Path(candidate).exists():
            return str(candidate)
    pytest.skip(f"{name} is not installed: {INSTALL}")


class LanguageServer:
    """A minimal LSP client over stdio: enough to open documents, read diagnostics and ask for completion."""

    def __init__(self, executable: str, root: Path) -> None:
        self.process = subprocess.Popen(
            [executable, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.messages: list[dict[str, Any]] = []
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        settings = {"yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}}
        self.notify("workspace/didChangeConfiguration", {"settings": settings})
        self.settings = settings

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # a request from the server: answer it
                result: Any = None
                if message["method"] == "workspace/configuration":
                    result = [self.settings.get(item.get("section", ""), {}) for item in message["params"]["items"]]
                self._send({"id": message["id"], "result": result})
                continue
            with self.arrived:
                self.messages.append(message)
                self.arrived.notify_all()

    def _wait(self, match: Any, timeout: float = 60) -> dict[str, Any]:
        with self.arrived:
            found = self.arrived.wait_for(lambda: next((m for m in self.messages if match(m)), None), timeout)
        if not found:
            raise TimeoutError("the language server did not answer")
        return next(m for m in self.messages if match(m))

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        ident = self.next_id
        self._send({"id": ident, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == ident).get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def diagnostics(self, path: Path, text: str) -> list[dict[str, Any]]:
        """Open a document and return the diagnostics the server publishes for it (the first non-empty set, or the
        last set when the server has settled on none)."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        published = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return list(published["params"]["diagnostics"])

    def completion(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        position = {"line": line, "character": character}
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()}, "position": position})
        return list(result["items"] if isinstance(result, dict) else result or [])

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()
