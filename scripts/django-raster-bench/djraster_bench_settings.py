"""Django settings of the django-raster side of the parse benchmark: only what a parse needs.

The database is one of its own (django_raster by default) in the embedded PostgreSQL cluster of the user who runs
the benchmark, so django-raster's tables (which RasterDesk's schema re-implements under the same names) never meet
RasterDesk's. djraster_bench.py fills the connection in from that cluster's folder through the environment.
"""
import os

SECRET_KEY = 'parse-benchmark-only'
DEBUG = False
USE_TZ = True
TIME_ZONE = 'UTC'

INSTALLED_APPS = (
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'django.contrib.postgres',
    'django.contrib.gis',
    'raster',
)

DATABASES = {
    'default': {
        'ENGINE': 'django.contrib.gis.db.backends.postgis',
        'HOST': os.environ.get('DJRASTER_DB_HOST', '127.0.0.1'),
        'PORT': os.environ.get('DJRASTER_DB_PORT', '5432'),
        'NAME': os.environ.get('DJRASTER_DB_NAME', 'django_raster'),
        'USER': os.environ.get('DJRASTER_DB_USER', 'rasterdesk'),
        'PASSWORD': os.environ.get('DJRASTER_DB_PASSWORD', ''),
    }
}

# Uploaded files (django-raster's FileField copy of the input) and its temporary folders.
MEDIA_ROOT = os.environ.get('DJRASTER_MEDIA_ROOT', '/tmp/django-raster-bench/media')
RASTER_WORKDIR = os.environ.get('DJRASTER_WORKDIR') or None

# django-raster's tests run Celery eagerly: the tasks run in this process, one after the other. In "single" mode the
# whole parse is its one all-in-one task (RASTER_PARSE_SINGLE_TASK); in "chain" mode it is the default chain of a
# task per zoom from 10 on, each re-opening the stored reprojected copy; "sync" calls the parse without Celery.
_MODE = os.environ.get('DJRASTER_MODE', 'single')
RASTER_USE_CELERY = _MODE in ('single', 'chain')
RASTER_PARSE_SINGLE_TASK = _MODE == 'single'
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
LOGGING_CONFIG = None
