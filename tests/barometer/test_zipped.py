"""Unzipping in memory: the text comes out whole, or the zip is refused with a reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tumen.barometer import zipped
from tumen.barometer.zipped import ZipProblem, unzip_one

TEXT = b"".join(b"%d\tRUS\tPRK\t20190115\n" % i for i in range(5000))


def make(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_the_text_comes_out_whole(method: int) -> None:
    assert unzip_one(make({"a.CSV": TEXT}, method), Path("a.zip")) == TEXT


def test_without_isal_zipfile_gives_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipped, "_inflate", lambda data, member, limit: None)
    assert unzip_one(make({"a.CSV": TEXT}), Path("a.zip")) == TEXT


def test_a_damaged_body_is_refused() -> None:
    data = bytearray(make({"a.CSV": TEXT}))
    data[60] ^= 0xFF  # inside the compressed stream
    with pytest.raises(ZipProblem, match="damaged"):
        unzip_one(bytes(data), Path("a.zip"))


def test_a_truncated_zip_is_refused() -> None:
    data = make({"a.CSV": TEXT})
    with pytest.raises(ZipProblem, match="truncated"):
        unzip_one(data[: len(data) // 2], Path("a.zip"))


def test_a_wrong_crc_is_refused() -> None:
    data = bytearray(make({"a.CSV": TEXT}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 16] ^= 0xFF  # the CRC-32 in the central directory
    with pytest.raises(ZipProblem, match=r"CRC|damaged"):
        unzip_one(bytes(data), Path("a.zip"))


def test_two_files_are_refused() -> None:
    with pytest.raises(ZipProblem, match="holds 2"):
        unzip_one(make({"a.CSV": TEXT, "b.CSV": TEXT}), Path("a.zip"))


def test_a_zip_bomb_is_refused_before_it_inflates_whole() -> None:
    bomb = make({"a.CSV": b"\0" * (64 << 20)})  # 64 MiB of zeros: ~64 KB zipped
    assert len(bomb) < 200_000
    with pytest.raises(ZipProblem, match="zip bomb"):
        unzip_one(bomb, Path("a.zip"))


def test_a_zip_that_understates_its_size_is_still_bounded() -> None:
    data = bytearray(make({"a.CSV": b"\0" * (8 << 20)}))
    # rewrite the declared size (central directory and local header) to 1 KB
    honest = (8 << 20).to_bytes(4, "little")
    assert data.count(honest) == 2
    data = bytearray(bytes(data).replace(honest, (1024).to_bytes(4, "little")))
    with pytest.raises(ZipProblem, match=r"zip bomb|damaged"):
        unzip_one(bytes(data), Path("a.zip"))
