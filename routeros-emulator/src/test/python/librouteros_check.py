"""Drives the emulator with Debian's python3-librouteros, an API client written by others.

usage: librouteros_check.py PORT TLS_PORT CA_PEM_FILE PASSWORD
Exits 0 and prints one line per check on success; any failure raises and exits non-zero.
"""
import ssl
import sys

import librouteros
from librouteros.exceptions import MultiTrapError, TrapError
from librouteros.query import And, Key, Or


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what)


def exercise(api, label):
    addresses = api.path("ip", "address")
    new_id = addresses.add(address="10.44.0.1/24", interface="ether2", comment=label)
    check(new_id.startswith("*"), label + " add returns a *HEX id")

    rows = list(addresses)
    check(any(r[".id"] == new_id and r["network"] == "10.44.0.0" for r in rows), label + " print shows the row")

    comment = Key("comment")
    interface = Key("interface")
    selected = list(addresses.select(Key(".id"), comment).where(And(comment == label, interface == "ether2")))
    check(selected == [{".id": new_id, "comment": label}], label + " print with query and proplist")

    either = list(addresses.select(comment).where(Or(comment == label, comment == "nothing")))
    check(len(either) == 1, label + " Or query")

    negated = list(addresses.select(comment).where(comment != label))
    check(negated == [], label + " negated query")

    empty = list(addresses.select(comment).where(comment == "no-such-comment"))
    check(empty == [], label + " empty print (with !empty on 7.18+)")

    try:
        addresses.add(address="10.44.0.1/24", interface="ether2")
        raise AssertionError("duplicate address accepted")
    except TrapError as e:
        check(e.message == "failure: already have such address", label + " trap message for a duplicate")

    try:
        tuple(api("/ip/address/frobnicate"))
        raise AssertionError("unknown command accepted")
    except MultiTrapError as e:
        messages = [t.message for t in e.traps]
        check(messages == ["no such command or directory (frobnicate)", "no such command prefix"],
              label + " MultiTrapError for an unknown command")

    secrets = api.path("ppp", "secret")
    sid = secrets.add(name="py-" + label, password="pw", service="l2tp")
    secrets.update(**{".id": sid, "disabled": True})
    row = [r for r in secrets if r[".id"] == sid][0]
    check(row["disabled"] is True and row["service"] == "l2tp", label + " set with a boolean, read back")

    queues = api.path("queue", "simple")
    qid = queues.add(name="pyq-" + label, target="10.44.0.9", **{"max-limit": "10M/20M"})
    q = [r for r in queues if r[".id"] == qid][0]
    check(q["max-limit"] == "10000000/20000000" and q["target"] == "10.44.0.9/32", label + " queue limits in bits")

    count = tuple(api.rawCmd("/ppp/secret/print", "=count-only="))
    check(count == ({"ret": 1},), label + " count-only")

    addresses.remove(new_id)
    secrets.remove(sid)
    queues.remove(qid)
    check(not [r for r in addresses if r[".id"] == new_id], label + " remove")


def main():
    port, tls_port, ca_file, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]

    try:
        librouteros.connect("127.0.0.1", "admin", "wrong-" + password, port=port, timeout=5)
        raise AssertionError("wrong password accepted")
    except TrapError as e:
        check(e.message == "invalid user name or password (6)", "wrong password is a trap")

    api = librouteros.connect("127.0.0.1", "admin", password, port=port, timeout=5)
    exercise(api, "plain")
    api.close()

    context = ssl.create_default_context(cafile=ca_file)
    context.check_hostname = True

    def wrap(sock):
        return context.wrap_socket(sock, server_hostname="localhost")

    tls_api = librouteros.connect("127.0.0.1", "admin", password, port=tls_port, timeout=5, ssl_wrapper=wrap)
    exercise(tls_api, "tls")
    tls_api.close()
    print("ALL OK")


if __name__ == "__main__":
    main()
