# pyright: reportUnusedImport=false
from .bot import Bot
from .config import Config
from .context import Context, GuildContext
from .help import CustomHelp
from .levels import *
from .placard import generate_placard
from .utils import *
