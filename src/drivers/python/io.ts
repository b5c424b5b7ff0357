/**
 * Python calls that wait on something other than the database, for split-io
 * and pool-monitoring: a connection held across them idles for the whole
 * wait. Read from each library's documentation (the module-level functions
 * and the client objects whose methods go over the network), and from the
 * standard library's reference for the rest.
 */

/** Modules whose functions and client objects wait on the network or a server. */
export const PY_IO_MODULES: readonly string[] = [
  // requests: requests.get/post/..., requests.Session() methods (docs: "Developer Interface").
  'requests',
  // httpx: httpx.get/post/..., httpx.Client()/AsyncClient() methods (docs: "API Reference").
  'httpx',
  // aiohttp: aiohttp.ClientSession() methods (docs: "Client Reference").
  'aiohttp',
  // urllib.request.urlopen (stdlib reference).
  'urllib.request',
  // boto3/aioboto3: boto3.client(...)/resource(...) methods call AWS (docs: "Low-level clients").
  'boto3',
  'aioboto3',
  'botocore',
  // smtplib.SMTP(...) methods, aiosmtplib.send (stdlib reference; aiosmtplib docs).
  'smtplib',
  'aiosmtplib',
  // google-cloud, stripe, twilio, redis: SDK clients whose methods go over the network.
  'google.cloud',
  'stripe',
  'twilio',
  'redis',
  'openai',
  // aiogram's Bot only (not its storages or dispatcher): a `Bot(token=...)`'s methods are Telegram Bot API requests
  // over HTTPS (aiogram docs, "Bot API methods").
  'aiogram.Bot',
];

/**
 * Types whose objects a framework hands to a handler and whose awaited
 * methods are requests over the network: aiogram's Message and
 * CallbackQuery (`await message.answer(...)` is a shortcut for the Bot API's
 * sendMessage, `await callback_query.answer()` for answerCallbackQuery;
 * aiogram docs, "Types"); and vkbottle's Message, for VK bots and user
 * bots, whose awaited methods (`answer`, `reply`, `forward`, `get_user`) each
 * call the VK API (vkbottle/tools/mini_types/base/message.py, `BaseMessageMin`:
 * `ctx_api.messages.send`, `ctx_api.request("users.get", ...)`). A parameter
 * annotated with one is such a client.
 */
export const PY_IO_PARAMETER_TYPES: readonly string[] = [
  'aiogram.types.Message',
  'aiogram.types.CallbackQuery',
  'vkbottle.bot.Message',
  'vkbottle.user.Message',
];

/**
 * Calls into those modules that only make a client object, which waits on
 * nothing until its methods are called: classes (a capitalised name, such as
 * `httpx.AsyncClient`, `requests.Session`, `smtplib.SMTP`... though SMTP's
 * constructor connects: see `PY_IO_CONNECTING`) and boto3's factories.
 */
export const PY_IO_FACTORIES: readonly string[] = ['boto3.client', 'boto3.resource', 'aioboto3.Session'];

/** Constructors that do connect (smtplib's SMTP connects when given a host: stdlib reference). */
export const PY_IO_CONNECTING: readonly string[] = ['smtplib.SMTP', 'smtplib.SMTP_SSL'];

/** Functions that only wait (timers). */
export const PY_TIMERS: readonly string[] = ['time.sleep', 'asyncio.sleep'];

/**
 * Work that runs on a worker thread or keeps the CPU (and the GIL) for a long
 * time while the connection idles: bcrypt's hashing (bcrypt docs: "work
 * factor"), hashlib.pbkdf2_hmac and scrypt (stdlib reference), and handing a
 * function to an executor (asyncio: run_in_executor, to_thread).
 */
export const PY_THREAD_WORK: readonly string[] = [
  'bcrypt.hashpw',
  'bcrypt.checkpw',
  'bcrypt.kdf',
  'hashlib.pbkdf2_hmac',
  'hashlib.scrypt',
  'asyncio.to_thread',
];

/** Methods that hand a function to another thread (`loop.run_in_executor`, an executor's `submit`). */
export const PY_THREAD_METHODS: readonly string[] = ['run_in_executor', 'submit'];
