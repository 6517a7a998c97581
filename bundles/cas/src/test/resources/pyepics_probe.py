"""Third-party Channel Access client for Syncscope's tests: pyepics, i.e. the EPICS C library libca.

Prints one key=value per line so the Java test can read it without a JSON library.
  read NAME              value, units, precision, severity, status, EPICS time, write access
  monitor NAME SECONDS   how many monitor callbacks arrived in SECONDS, the first and last
                         value, and how often a value was not above the one before
  put NAME VALUE         whether a put with completion succeeded
"""
import sys
import time

import epics


def connect(name):
    pv = epics.PV(name, auto_monitor=False)
    if not pv.wait_for_connection(timeout=10):
        print("error=not connected")
        sys.exit(3)
    return pv


def read(name):
    pv = connect(name)
    value = pv.get(timeout=5, use_monitor=False)
    ctrl = pv.get_ctrlvars(timeout=5) or {}
    tv = pv.get_timevars(timeout=5) or {}
    print("value=%r" % (value,))
    print("units=%s" % ctrl.get("units", ""))
    print("precision=%s" % ctrl.get("precision", ""))
    print("severity=%s" % tv.get("severity", ""))
    print("status=%s" % tv.get("status", ""))
    print("posixseconds=%d" % int(tv.get("posixseconds", 0)))
    print("nanoseconds=%d" % int(tv.get("nanoseconds", 0)))
    print("timestamp=%.9f" % tv.get("timestamp", 0.0))
    print("write_access=%s" % pv.write_access)


def monitor(name, seconds):
    count = [0]
    values = []

    def callback(value=None, **kw):
        count[0] += 1
        values.append(value)

    pv = epics.PV(name, auto_monitor=True, callback=callback)
    if not pv.wait_for_connection(timeout=10):
        print("error=not connected")
        sys.exit(3)
    start = time.time()
    while time.time() - start < seconds:
        time.sleep(0.05)
    pv.clear_callbacks()
    print("updates=%d" % count[0])
    if values:
        print("first=%d" % int(values[0]))
        print("last=%d" % int(values[-1]))
        print("not_increasing=%d" % sum(1 for a, b in zip(values, values[1:]) if b <= a))


def put(name, value):
    pv = connect(name)
    try:
        result = pv.put(float(value), wait=True, timeout=5)
        print("ok=%s" % (result == 1))
    except Exception as e:  # pyepics raises on access errors
        print("ok=False")
        print("error=%s" % str(e).replace("\n", " "))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "read":
        read(sys.argv[2])
    elif cmd == "monitor":
        monitor(sys.argv[2], float(sys.argv[3]))
    elif cmd == "put":
        put(sys.argv[2], sys.argv[3])
    epics.ca.finalize_libca()
