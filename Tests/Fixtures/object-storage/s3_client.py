#!/usr/bin/env python3
"""The object-storage tests' client: ports, uploads (boto3, which the S3 API server's package brings) and the
counting proxy's controls.

  s3_client.py ports N                              N free ports on 127.0.0.1, one a line
  s3_client.py wait URL                             waits (30 s at most) until URL answers
  s3_client.py bucket ENDPOINT BUCKET               creates a bucket
  s3_client.py put ENDPOINT BUCKET KEY FILE [public-read]
  s3_client.py put-folder ENDPOINT BUCKET PREFIX FOLDER   uploads the folder's files as PREFIX/NAME
  s3_client.py control URL                          POSTs to a proxy control URL (GET for .../stats), prints the answer
"""
import socket
import sys
import time
import urllib.request


def client(endpoint):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "ports":
        sockets = [socket.socket() for _ in range(int(args[0]))]
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        for s in sockets:
            print(s.getsockname()[1])
        for s in sockets:
            s.close()
    elif command == "wait":
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(args[0], timeout=2).read()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                if time.time() > deadline:
                    sys.exit("%s does not answer" % args[0])
                time.sleep(0.1)
    elif command == "bucket":
        client(args[0]).create_bucket(Bucket=args[1])
    elif command == "put":
        extra = {"ACL": "public-read"} if len(args) > 4 and args[4] == "public-read" else {}
        with open(args[3], "rb") as f:
            client(args[0]).put_object(Bucket=args[1], Key=args[2], Body=f.read(), **extra)
    elif command == "put-folder":
        import os

        s3 = client(args[0])
        for name in sorted(os.listdir(args[3])):
            path = os.path.join(args[3], name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    s3.put_object(Bucket=args[1], Key=args[2] + "/" + name, Body=f.read())
    elif command == "control":
        method = "GET" if args[0].endswith("/stats") else "POST"
        print(urllib.request.urlopen(urllib.request.Request(args[0], method=method), timeout=10).read().decode())
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
