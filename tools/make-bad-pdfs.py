#!/usr/bin/env python3
"""Makes the small hostile PDFs of fixtures/bad/ (issue 7). Usage: tools/make-bad-pdfs.py

- pdf-bomb.pdf: a one-page PDF whose content stream is 1 GiB of zero bytes compressed twice
  (/Filter [/FlateDecode /FlateDecode]): a few kB on disk, over 1 GiB once inflated.
- pdf-bomb-objstm.pdf: the same 1 GiB inside an object stream (/Type /ObjStm), which PDF
  libraries unpack while loading the file, before any page is read.
- truncated.pdf: fixtures/pdf/legacy-fonts.pdf cut after 60 % of its bytes (no xref, no trailer).

The deeply nested PDFs are made by the tests themselves (200 kB of brackets).
"""
import os
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "fixtures", "bad")


def zeros_twice_compressed(gib=1):
    c = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    once = [c.compress(chunk) for _ in range(gib << 10)]
    once.append(c.flush())
    return zlib.compress(b"".join(once), 9)


def pdf(objects):
    """objects: list of bytes (object bodies, numbered from 1); object 1 is the catalog."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(dict_entries, data):
    return b"<< %s /Length %d >>\nstream\n" % (dict_entries, len(data)) + data + b"\nendstream"


def main():
    bomb = zeros_twice_compressed()
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    content_bomb = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page,
            stream(b"/Filter [/FlateDecode /FlateDecode]", bomb),
            font,
        ]
    )
    text = zlib.compress(b"BT /F1 12 Tf 72 770 Td (KE HOACH) Tj ET")
    objstm_bomb = pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page,
            stream(b"/Filter /FlateDecode", text),
            font,
            stream(b"/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]", bomb),
        ]
    )
    with open(os.path.join(ROOT, "fixtures", "pdf", "legacy-fonts.pdf"), "rb") as f:
        whole = f.read()
    for name, data in [
        ("pdf-bomb.pdf", content_bomb),
        ("pdf-bomb-objstm.pdf", objstm_bomb),
        ("truncated.pdf", whole[: len(whole) * 6 // 10]),
    ]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(name, len(data))


if __name__ == "__main__":
    main()
