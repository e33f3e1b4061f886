#!/usr/bin/env python3
"""Config files as tekore writes and reads them, for tests/config.rs.

    python3 scripts/tekore_config_fixtures.py          # write tests/fixtures/tekore/
    python3 scripts/tekore_config_fixtures.py check D  # tekore reads D/*.cfg

Needs tekore (`pip install tekore`). The first form writes, into
tests/fixtures/tekore/, files written by tekore's `config_to_file` and
hand-made files in shapes configparser accepts (CRLF, comments, `:`),
plus `expected.json`: for every file and section, the four values as
tekore's `config_from_file` reads them back, or the name of the error
tekore raises; and `rewritten/NAME.cfg`: each readable file after tekore's
`config_to_file` wrote those values back into its DEFAULT section. The
output is deterministic.

The second form checks files another program wrote: every `D/NAME.cfg`
must read, with tekore, as the values in `D/expected.json`
(`{"NAME.cfg": {"SECTION": [id, secret, redirect, refresh]}}`); it prints
one line per file and exits non-zero on a mismatch.
"""

import json
import sys
from pathlib import Path

import tekore as tk

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "tekore"


def escaped(value):
    """What a tekore user passes for `value`: configparser refuses a bare
    `%` in a value (ValueError) and reads `%%` back as `%`."""
    return value.replace("%", "%%")


# (file, section, (client_id, client_secret, redirect_uri, user_refresh)),
# each written with tekore.config_to_file, in this order.
WRITTEN = [
    ("percent.cfg", "DEFAULT", (
        "percent-id",
        "50%off",
        "https://example.com/callback?next=%2Fhome&p=100%",
        "r%%r",
    )),
    ("spaces.cfg", "DEFAULT", (
        "id with spaces",
        "a secret  with  two spaces",
        "https://example.com/call back",
        "refresh token",
    )),
    ("unicode.cfg", "DEFAULT", (
        "ünïcødé-id",
        "秘密🔑",
        "https://例え.jp/コールバック",
        "rëfrèsh",
    )),
    ("comment_chars.cfg", "DEFAULT", (
        "x # y ; z",
        "#not-a-comment",
        "https://example.com/cb?a=1;b=2#frag",
        ";also-not-a-comment",
    )),
    ("delimiters.cfg", "DEFAULT", (
        "id=with=equals",
        "secret:with:colons",
        "https://example.com:8443/cb?a=b",
        "= starts with equals",
    )),
    ("sections.cfg", "DEFAULT", (
        "default-id",
        "default-secret",
        "https://example.com/default",
        "default-refresh",
    )),
    ("sections.cfg", "my app", ("app-id", None, "https://example.com/app%20x", None)),
    ("sections.cfg", "OTHER", (None, "other-secret", None, None)),
]

# Values written raw, not escaped: references configparser resolves.
REFERENCES = ("references.cfg", "DEFAULT", {
    "SPOTIFY_CLIENT_ID": "ref-id",
    "SPOTIFY_CLIENT_SECRET": "%(BASE)s-secret",
    "BASE": "base",
    "SPOTIFY_REDIRECT_URI": "https://example.com/%(SPOTIFY_CLIENT_ID)s/cb",
    "SPOTIFY_USER_REFRESH": "100%% %(SPOTIFY_CLIENT_SECRET)s",
})

# Hand-made files in shapes configparser reads.
HAND_MADE = {
    "crlf.cfg": (
        "[DEFAULT]\r\nSPOTIFY_CLIENT_ID = crlf-id\r\nSPOTIFY_CLIENT_SECRET = crlf-secret\r\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/crlf\r\nSPOTIFY_USER_REFRESH = crlf%%refresh\r\n\r\n"
        "[APP]\r\nSPOTIFY_CLIENT_ID = crlf-app\r\n"
    ),
    "comments.cfg": (
        "# tekore configuration\n; written by hand\n\n[DEFAULT]\n# the app\n"
        "SPOTIFY_CLIENT_ID = c-id\n  # an indented comment\n; another\n"
        "SPOTIFY_CLIENT_SECRET = c-secret # not a comment\n\n\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/c ; nor this\n"
        "    ; indented\nSPOTIFY_USER_REFRESH = c-refresh\n"
    ),
    "colons.cfg": (
        "[DEFAULT]\nSPOTIFY_CLIENT_ID: colon-id\nSPOTIFY_CLIENT_SECRET :colon-secret\n"
        "SPOTIFY_REDIRECT_URI=https://example.com:8888/colon\n"
        "SPOTIFY_USER_REFRESH   =   padded refresh   \n"
    ),
    "continuation.cfg": (
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = cont-id\nSPOTIFY_CLIENT_SECRET = cont-secret\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/cont\nNOTES = first line\n"
        "  second line\n\n  after an empty line\nSPOTIFY_USER_REFRESH = cont-refresh\n"
    ),
    "bare_percent.cfg": (
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = id\nSPOTIFY_CLIENT_SECRET = secret\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/cb?x=%20y\n"
    ),
    "missing_reference.cfg": (
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = id\nSPOTIFY_CLIENT_SECRET = %(NOPE)s\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/cb\n"
    ),
    "self_reference.cfg": (
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = %(SPOTIFY_CLIENT_ID)s\nSPOTIFY_CLIENT_SECRET = s\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/cb\n"
    ),
    "duplicate_key.cfg": (
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = one\nSPOTIFY_CLIENT_SECRET = s\n"
        "SPOTIFY_REDIRECT_URI = https://example.com/cb\n\n[DEFAULT]\nSPOTIFY_CLIENT_ID = two\n"
    ),
    "key_before_section.cfg": (
        "SPOTIFY_CLIENT_ID = early\n[DEFAULT]\nSPOTIFY_CLIENT_SECRET = s\n"
    ),
}


def read(path, section):
    """The four values as tekore reads them, or the error's class name."""
    try:
        values = tk.config_from_file(str(path), section, return_refresh=True)
    except Exception as e:  # noqa: BLE001 - the class name is the fact
        return type(e).__name__
    return list(values)


def generate():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.cfg"):
        old.unlink()
    sections = {}
    for name, section, values in WRITTEN:
        tk.config_to_file(
            str(OUT / name),
            tuple(None if v is None else escaped(v) for v in values),
            section,
        )
        sections.setdefault(name, []).append(section)
    name, section, values = REFERENCES
    tk.config_to_file(str(OUT / name), values, section)
    sections[name] = [section]
    for name, text in HAND_MADE.items():
        (OUT / name).write_bytes(text.encode("utf-8"))
        sections[name] = ["DEFAULT", "APP"] if "[APP]" in text else ["DEFAULT"]
    expected = {
        name: {s: read(OUT / name, s) for s in secs}
        for name, secs in sorted(sections.items())
    }
    text = json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True)
    (OUT / "expected.json").write_text(text + "\n", encoding="utf-8")
    # Each readable file after tekore wrote the values it read back into
    # its DEFAULT section: what writing a config over the file must give.
    rewritten = OUT / "rewritten"
    rewritten.mkdir(exist_ok=True)
    for old in rewritten.glob("*.cfg"):
        old.unlink()
    for name, by_section in sorted(expected.items()):
        values = by_section["DEFAULT"]
        if isinstance(values, str) or None in values[:3]:
            continue
        copy = rewritten / name
        copy.write_bytes((OUT / name).read_bytes())
        tk.config_to_file(
            str(copy), tuple(None if v is None else escaped(v) for v in values)
        )
    print(f"wrote {len(sections)} files, expected.json and rewritten/ to {OUT}")


def check(directory):
    directory = Path(directory)
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    bad = 0
    for name, by_section in sorted(expected.items()):
        for section, values in by_section.items():
            got = read(directory / name, section)
            ok = got == values
            bad += not ok
            print(f"{'ok ' if ok else 'BAD'} {name} [{section}]" + ("" if ok else f": {got!r} != {values!r}"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        check(sys.argv[2])
    elif len(sys.argv) == 1:
        generate()
    else:
        sys.exit(__doc__)
