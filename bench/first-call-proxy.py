#!/usr/bin/env python3
"""A TCP pass-through in front of a backend that appends the time (epoch ms) of every new connection to a file:
bench/cold-start.sh reads from it when a worker made its first backend call. Usage: first-call-proxy.py LISTEN_PORT
TARGET_PORT LOG_FILE"""
import asyncio
import sys
import time

listen_port, target_port, log_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    with open(log_file, "a") as log:
        log.write(f"{int(time.time() * 1000)}\n")
    backend_reader, backend_writer = await asyncio.open_connection("127.0.0.1", target_port)
    await asyncio.gather(pipe(client_reader, backend_writer), pipe(backend_reader, client_writer))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    print(f"proxy listening on {listen_port}", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
