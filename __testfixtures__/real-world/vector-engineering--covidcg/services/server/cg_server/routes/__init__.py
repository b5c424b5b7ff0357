# coding: utf-8

"""Server routing entrypoint

Author: Albert Chen - Vector Engineering Team (chena@broadinstitute.org)
"""

from .download import *
from .query import *
from .report import *
from .seed import *
from .views import *
