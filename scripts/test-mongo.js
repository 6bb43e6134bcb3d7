#!/usr/bin/env node
'use strict';
/* global setTimeout, clearTimeout, URL */
// `npm run test:mongo`: the MongoDB adapter on the wire. Starts jongodb — a
// MongoDB-wire-compatible server whose binary ships inside the npm package
// @jongodb/memory-server-bin-linux-x64-gnu — on 127.0.0.1 at a free port as a
// single-node replica set, runs the storage contract suite, the MongoDB-specific tests and
// the scheduler's two-instance test against it (MONGODB_URI), and stops the server however
// jest ends. Extra arguments go to jest.
//
// With MONGODB_URI already set (a real replica set, Cosmos DB for MongoDB), no server is
// started: the same tests run against that one, including the three that jongodb cannot
// pass (test/mongo-test-database.ts, `itOnRealMongod`). HEARD_MONGODB_SERVER=jongodb tells
// the tests which server this is; they check it against the server's buildInfo.
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const JONGODB = path.join(ROOT, 'node_modules', '@jongodb', 'memory-server-bin-linux-x64-gnu', 'bin', 'jongodb');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const START_TIMEOUT_MS = 30_000;
// Every test of these files whose name says MongoDB: the contract suite, the adapter's own
// tests, and the scheduler's two instances over one store.
const TESTS = ['storage/mongo/', 'test/scheduler.spec.ts', '--testNamePattern', 'MongoDB'];

function say(line) {
  process.stderr.write(`test:mongo: ${line}\n`);
}

/** Starts jongodb on a port the kernel picks; resolves with its URI once it prints it. */
function startJongodb() {
  const server = spawn(
    JONGODB,
    ['--host=127.0.0.1', '--port=0', '--topology-profile=singleNodeReplicaSet', '--replica-set-name=rs0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ready = new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`jongodb did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const watch = (chunk) => {
      output += chunk;
      const uri = /^JONGODB_URI=(\S+)$/m.exec(output)?.[1];
      const failure = /^JONGODB_START_FAILURE=(.*)$/m.exec(output)?.[1];
      if (!uri && !failure) return;
      clearTimeout(timer);
      // From here on its output (a stack trace for every refused command) is not kept.
      for (const stream of [server.stdout, server.stderr]) stream.off('data', watch).resume();
      if (uri) resolve(uri);
      else reject(new Error(`jongodb could not start: ${failure}`));
    };
    server.stdout.setEncoding('utf8').on('data', watch);
    server.stderr.setEncoding('utf8').on('data', watch);
    server.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`jongodb exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
  return { server, ready };
}

function withOption(uri, name, value) {
  const url = new URL(uri);
  url.searchParams.set(name, value);
  return url.toString();
}

/** The jest run in progress, so that a signal to this script reaches it too. */
let jest;

function runJest(env, extra) {
  return new Promise((resolve) => {
    jest = spawn(process.execPath, [JEST, ...TESTS, ...extra], { cwd: ROOT, env, stdio: 'inherit' });
    jest.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const extra = process.argv.slice(2);
  if (process.env.MONGODB_URI) {
    say('MONGODB_URI is set: testing against that server');
    process.exitCode = await runJest(process.env, extra);
    return;
  }
  const { server, ready } = startJongodb();
  const stop = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (jest && jest.exitCode === null) jest.kill(signal);
      stop();
      process.exit(1);
    });
  }
  try {
    // jongodb answers hello with a topologyVersion but cannot stream it: the driver's
    // default streaming monitor then fails at its first heartbeat (10 s) and clears the
    // connection pool. Polling is what the driver does for servers that cannot stream.
    const uri = withOption(await ready, 'serverMonitoringMode', 'poll');
    say(`jongodb is listening at ${uri}`);
    process.exitCode = await runJest({ ...process.env, MONGODB_URI: uri, HEARD_MONGODB_SERVER: 'jongodb' }, extra);
  } catch (error) {
    say(error.message);
    process.exitCode = 1;
  } finally {
    stop();
  }
}

main();
