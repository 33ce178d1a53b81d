"""The python-telegram-bot peer of the daemon benchmark: polls the relay and answers every text message with a
fixed reply, no classifier, as fast as python-telegram-bot's Application allows.

    ptb_bot.py --port 8080 --token TOKEN [--concurrent-updates 1]

Prints "polling" once the first getUpdates is under way, so run.sh knows when to start the load.
"""

import argparse
import logging

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

REPLY = "收到，我们会尽快帮你处理花呗的问题。"


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(REPLY)


async def announce(application: Application) -> None:
    print("polling", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--concurrent-updates", type=int, default=1)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    application = (
        Application.builder()
        .token(arguments.token)
        .base_url(f"http://127.0.0.1:{arguments.port}/bot")
        .concurrent_updates(arguments.concurrent_updates)
        .post_init(announce)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, answer))
    application.run_polling(poll_interval=0, timeout=10, allowed_updates=[Update.MESSAGE])


if __name__ == "__main__":
    main()
