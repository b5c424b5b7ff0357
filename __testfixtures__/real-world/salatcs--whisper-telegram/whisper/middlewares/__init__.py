from .i18n_manager import I18nManager
from .init_user_middleware import InitUserMiddleware
from .session_middleware import SessionMiddleware

__all__ = ["SessionMiddleware", "I18nManager", "InitUserMiddleware"]