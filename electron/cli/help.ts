// The help texts: `stream-composer --help`, `run --help`, `merge --help`. Every option of each
// command is here (a test checks the parser's options against them).

export const MAIN_HELP = `stream-composer — send workspace requests to Kinesis-compatible streams from a terminal or CI

Usage:
  stream-composer run [PATH...] [options]     run requests (a file, a folder, or the whole workspace)
  stream-composer merge REPORT.json... [options]
                                              combine the JSON reports of sharded runs into one
  stream-composer --help | -h                 this text
  stream-composer --version | -v              the version
  stream-composer COMMAND --help              a command's options

Exit codes:
  0    every record delivered and every assertion held
  1    an assertion failed (every record delivered)
  2    usage or configuration error: a bad flag or value, a bad request file,
       a missing environment variable, no credentials (nothing was sent)
  3    a record was not delivered (failed, never sent, or of unknown fate); outranks 1
  130  interrupted by Ctrl+C or SIGTERM (the reports were written, marked interrupted)
`;

export const RUN_HELP = `Usage: stream-composer run [PATH...] [options]

Runs the requests of a workspace (a folder with stream-composer.yaml) one after another and
reports each record's fate and each assertion's result.

PATH is a request file (*.request.yaml), a folder of them, or the workspace; several may be
given. Without PATH: every request of the workspace found from the current folder upwards.

Where requests go (a request file never decides it; its "connection" is for the app):
  --endpoint URL      send to this endpoint (an emulator, a proxy); with --region or AWS_REGION
  --sandbox           start the embedded sandbox (kinesalite, in memory, on 127.0.0.1) and send
                      there; streams the requests name are created in it (2 shards)
  (neither)           a YDS stream path (/ru-central1/<folder>/<database>/<stream>) goes to
                      https://yds.serverless.yandexcloud.net (ru-central1); any other stream to
                      AWS Kinesis in --region, AWS_REGION, or the profile's region
  --region R          the signing region (and AWS's regional endpoint)

Credentials (never a secret stored by the app):
  --profile NAME      a profile of the AWS shared files (~/.aws/credentials, ~/.aws/config;
                      AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE)
  (no --profile)      AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from
                      the environment, else AWS_PROFILE
  --sandbox uses the sandbox's own keys.

Options:
  -w, --workspace DIR   the workspace folder (default: found from PATH or the current folder)
  -e, --env NAME        use the variables of environments/NAME.yaml for {{env.NAME}} references
  -r, --reporter LIST   cli, json, junit; repeat the flag or give a comma list (default: cli)
                        cli: a progress bar on a terminal, plain lines otherwise, then a summary
                        json: report.json   junit: junit.xml (one testcase per request)
  -o, --out DIR         the folder report.json and junit.xml are written to (default: the
                        current folder); made when missing
  -q, --quiet           no progress, only the summary (and errors)
      --shard i/N       send shard i (0-based: 0/4 ... 3/4) of each load: N processes with
                        i = 0..N-1 together send every record once. Without the flag,
                        JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) with STREAM_COMPOSER_SHARDS.
                        Combine their report.json files with \`stream-composer merge\`.
  -h, --help            this text

Examples:
  stream-composer run --sandbox
  stream-composer run orders/ --env staging --profile ci --reporter cli,junit --out reports
  stream-composer run smoke.request.yaml --endpoint http://127.0.0.1:4567 --region us-east-1

Exit codes: 0 all delivered and every assertion held, 1 an assertion failed, 2 usage or
configuration error, 3 a record not delivered, 130 interrupted. Ctrl+C stops sending, lets the
calls in flight end (up to 10 s) and writes the reports; a second Ctrl+C exits at once.
`;

export const MERGE_HELP = `Usage: stream-composer merge REPORT.json... [options]

Combines the report.json files of one sharded run (every shard i/N, each once) into one report:
counts summed, per-shard figures, latency p50/p95 the largest of the shards' (an upper bound),
an assertion failed when any shard failed it.

Options:
  -r, --reporter LIST   cli, json, junit; repeat the flag or give a comma list (default: cli,json)
  -o, --out DIR         where the merged report.json and junit.xml go (default: the current folder)
  -h, --help            this text

Exit codes as for run: 0, 1 (an assertion failed), 2 (reports that do not belong together,
a shard missing or given twice, a file that is not a report), 3 (a record not delivered).
`;
