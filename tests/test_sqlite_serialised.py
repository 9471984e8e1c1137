"""The test suite's SQLite backend (tests/sqlite_serialised): two threads sharing one
connection, one running a statement that calls back into Python (Django's REGEXP), the other
reading rows, finish instead of freezing the process. Run in a subprocess: a freeze stops every
thread of the process it happens in, the test's own included."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys, threading
    import django
    from django.conf import settings
    settings.configure(DATABASES={"default": {"ENGINE": sys.argv[1], "NAME": ":memory:"}})
    django.setup()
    from django.db import connections
    connection = connections["default"]  # this object, not each thread's own
    connection.inc_thread_sharing()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x TEXT)")
        cursor.executemany("INSERT INTO t VALUES (%s)", [(str(i),) for i in range(20000)])

    def matching():
        for _ in range(60):
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM t WHERE x REGEXP %s", ["^1"])
                cursor.fetchall()

    def reading():
        for _ in range(600):
            with connection.cursor() as cursor:
                cursor.execute("SELECT x FROM t LIMIT 500")
                cursor.fetchall()

    threads = [threading.Thread(target=matching), threading.Thread(target=reading)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("done")
    """
)


def run(engine: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, engine], capture_output=True, text=True, timeout=60, check=False
    )


def test_threads_sharing_a_connection_finish():
    result = run("tests.sqlite_serialised")
    assert result.stdout.strip() == "done", result.stderr
