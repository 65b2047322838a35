#!/usr/bin/python3
"""django-raster's side of the parse benchmark (scripts/parse-benchmark.sh): parses a raster file with django-raster
into a database of its own in the user's embedded RasterDesk cluster, as django-raster's own tests do it (a
RasterLayer created from a file, parsed by its post-save signal with Celery tasks run eagerly in this process).

    djraster_bench.py prepare                      the database, its PostGIS extensions and django-raster's tables
    djraster_bench.py parse FILE [--datatype ca|co|ma|ro] [--max-zoom N] [--name NAME]
                                                   one parse; prints a line "django-raster: tiles=... zooms=... ..."
    djraster_bench.py clean                        drops every layer (and its tiles and files) left by parses

Needs django-raster and django-colorful on PYTHONPATH (scripts/django-raster-bench-setup.sh installs them) and the
cluster running (any ./rasterdesk command starts it and leaves it up for a while). While it works it holds a shared
lock on the cluster's users.lock, as RasterDesk's own processes do, so the idle stop cannot stop the server under it.
Environment: RASTERDESK_CLUSTER (the cluster folder, default ${XDG_DATA_HOME:-~/.local/share}/rasterdesk/cluster),
DJRASTER_DB_NAME (django_raster), DJRASTER_MEDIA_ROOT, DJRASTER_WORKDIR, DJRASTER_MODE (single, chain or sync; see
djraster_bench_settings.py).
"""
import argparse
import fcntl
import os
import shutil
import sys
import time

STARTED = time.monotonic()
HERE = os.path.dirname(os.path.abspath(__file__))


def cluster_dir():
    if os.environ.get('RASTERDESK_CLUSTER'):
        return os.environ['RASTERDESK_CLUSTER']
    data = os.environ.get('XDG_DATA_HOME') or os.path.join(os.path.expanduser('~'), '.local', 'share')
    return os.path.join(data, 'rasterdesk', 'cluster')


def join_cluster(cluster):
    """Holds a shared lock on the cluster's users.lock until the process ends; returns (port, user, password)."""
    lock = open(os.path.join(cluster, 'users.lock'), 'a+')
    # lockf takes a POSIX record lock, the kind Java's FileChannel.lock takes, so the idle stop sees it.
    fcntl.lockf(lock, fcntl.LOCK_SH)
    pid_file = os.path.join(cluster, 'server', 'data', 'postmaster.pid')
    try:
        with open(pid_file) as f:
            lines = f.read().splitlines()
        os.kill(int(lines[0]), 0)
        port = lines[3].strip()
    except (OSError, IndexError, ValueError):
        sys.exit('djraster_bench: the database server of %s is not running (run any ./rasterdesk command, '
                 'e.g. ./rasterdesk layers, to start it)' % cluster)
    credentials = {}
    with open(os.path.join(cluster, 'credentials.properties')) as f:
        for line in f:
            if '=' in line and not line.startswith('#'):
                key, value = line.rstrip('\n').split('=', 1)
                credentials[key.strip()] = value.strip()
    return lock, port, credentials['user'], credentials['password']


def leave_cluster(cluster, lock):
    # RasterDesk's idle stop counts its time from this file's modification time.
    last_use = os.path.join(cluster, 'last-use')
    with open(last_use, 'a'):
        os.utime(last_use)
    lock.close()


def ensure_database(port, user, password, name):
    import psycopg2
    admin = psycopg2.connect(host='127.0.0.1', port=port, user=user, password=password, dbname='postgres')
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute('SELECT 1 FROM pg_database WHERE datname = %s', (name,))
        if cur.fetchone() is None:
            cur.execute('CREATE DATABASE "%s"' % name.replace('"', ''))
    admin.close()
    db = psycopg2.connect(host='127.0.0.1', port=port, user=user, password=password, dbname=name)
    db.autocommit = True
    with db.cursor() as cur:
        cur.execute('CREATE EXTENSION IF NOT EXISTS postgis')
        cur.execute('CREATE EXTENSION IF NOT EXISTS postgis_raster')
    db.close()


def setup_django():
    sys.path.insert(0, HERE)
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'djraster_bench_settings')
    import django
    django.setup()
    # The Celery app django-raster's shared tasks bind to, configured from the settings (CELERY_*): eager.
    from celery import Celery
    app = Celery('djraster_bench', set_as_current=True)
    app.config_from_object('django.conf:settings', namespace='CELERY')
    app.set_default()


def backend():
    """The process id of this connection's server process and its CPU seconds so far (None when unreadable)."""
    from django.db import connection
    with connection.cursor() as cur:
        cur.execute('SELECT pg_backend_pid()')
        pid = cur.fetchone()[0]
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return pid, (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError, ValueError):
        return pid, None


def parse(args):
    from django.conf import settings
    from django.core.files import File
    from django.db.models import Max, Min
    from raster.models import RasterLayer
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    if settings.RASTER_WORKDIR:
        os.makedirs(settings.RASTER_WORKDIR, exist_ok=True)
    server_before = backend()
    ready = time.monotonic()
    with open(args.file, 'rb') as f:
        # Saving the layer parses it (django-raster's post-save signal), in this process.
        layer = RasterLayer.objects.create(
            name=args.name or os.path.basename(args.file),
            datatype=args.datatype,
            max_zoom=args.max_zoom,
            rasterfile=File(f, name=os.path.basename(args.file)),
        )
    parsed = time.monotonic()
    # The server's share (parsing the tiles' hex WKB, indexing them) is not in this process's CPU time.
    server_after = backend()
    server_cpu = 'n/a'
    if server_before[0] == server_after[0] and None not in (server_before[1], server_after[1]):
        server_cpu = '%.2fs' % (server_after[1] - server_before[1])
    layer.parsestatus.refresh_from_db()
    tiles = layer.rastertile_set.all()
    zooms = tiles.aggregate(Min('tilez'), Max('tilez'))
    names = {v: k for k, v in vars(type(layer.parsestatus)).items() if k.isupper() and isinstance(v, int)}
    status = names.get(layer.parsestatus.status, layer.parsestatus.status)
    print('django-raster: layer=%d status=%s tiles=%d zooms=%s-%s levels=%s start=%.2fs parse=%.2fs server_cpu=%s mode=%s' % (
        layer.id, status, tiles.count(), zooms['tilez__min'], zooms['tilez__max'],
        ','.join('%d:%d' % (z, tiles.filter(tilez=z).count()) for z in layer.parsestatus.tile_levels),
        ready - STARTED, parsed - ready, server_cpu, os.environ.get('DJRASTER_MODE', 'single')))
    if args.log:
        print(layer.parsestatus.log)
    return 0 if layer.parsestatus.status == layer.parsestatus.FINISHED else 1


def clean():
    from django.conf import settings
    from raster.models import RasterLayer, RasterTile
    RasterTile.objects.all().delete()
    RasterLayer.objects.all().delete()
    shutil.rmtree(os.path.join(settings.MEDIA_ROOT, 'rasters'), ignore_errors=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description='django-raster side of the parse benchmark')
    sub = parser.add_subparsers(dest='command', required=True)
    sub.add_parser('prepare')
    sub.add_parser('clean')
    p = sub.add_parser('parse')
    p.add_argument('file')
    p.add_argument('--datatype', default='co', choices=('co', 'ca', 'ma', 'ro'))
    p.add_argument('--max-zoom', type=int, default=None)
    p.add_argument('--name', default=None)
    p.add_argument('--log', action='store_true', help="print django-raster's parse log")
    args = parser.parse_args()

    cluster = cluster_dir()
    lock, port, user, password = join_cluster(cluster)
    try:
        name = os.environ.setdefault('DJRASTER_DB_NAME', 'django_raster')
        os.environ.update(DJRASTER_DB_PORT=port, DJRASTER_DB_USER=user, DJRASTER_DB_PASSWORD=password)
        if args.command == 'prepare':
            ensure_database(port, user, password, name)
        setup_django()
        if args.command == 'prepare':
            from django.core.management import call_command
            call_command('migrate', verbosity=0)
            return 0
        if args.command == 'clean':
            return clean()
        return parse(args)
    finally:
        leave_cluster(cluster, lock)


if __name__ == '__main__':
    sys.exit(main())
