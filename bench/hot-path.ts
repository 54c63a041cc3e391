// What one grading through POST /api/v1/gradings costs, counted: gRPC
// calls and the bytes serialised per method, protobuf encode/decode time, proto<->core
// conversions, log lines, metric updates, PostgreSQL round trips and bytes, Redis round
// trips; and the CPU the whole system spends on it. The whole system runs in this one process (see support/system.ts) so every
// counter sees every service; counts do not depend on how processes are laid out.
//
//   node --import tsx bench/hot-path.ts [--gradings 200] [--log-level info]
//
// How it counts: gRPC messages where the server deserialises and serialises them; protobuf
// time around protobufjs's generated functions;
// function calls with V8's precise coverage (call counts); log lines as the lines the
// loggers write to stdout (the measuring child's stdout is piped to this process);
// PostgreSQL and Redis as the bytes and writes on their sockets. The default log level is
// info, the production default.

import { fork } from 'node:child_process';
import * as inspector from 'node:inspector';
import * as net from 'node:net';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';

const MARK = '@@hot-path ';

interface MethodCount { calls: number; requestBytes: number; responseBytes: number }

interface ProtobufTime { encodeNs: number; decodeNs: number }

interface Measurement {
  gradings: number;
  methods: Record<string, MethodCount>;
  protobuf: ProtobufTime;
  cpuMs: number;
  wallMs: number;
  conversions: Record<string, number>;
  metricUpdates: Record<string, number>;
  pgQueries: number;
  pgWrites: number;
  pgBytesOut: number;
  pgBytesIn: number;
  redisWrites: number;
  redisBytesOut: number;
  gradingRowBytes: number;
  auditRowBytes: number;
}

// ---------------------------------------------------------------- measuring child

/** Counts every medgrade call and its bytes where the server deserialises the request and serialises the response. */
function instrumentGrpc(methods: Record<string, MethodCount>, isMeasuring: () => boolean): void {
  const register = grpc.Server.prototype.register;
  grpc.Server.prototype.register = function (this: grpc.Server, name: string, handler: unknown, serialize: (v: unknown) => Buffer, deserialize: (b: Buffer) => unknown, type: string) {
    if (name.startsWith('/grpc.')) return register.call(this, name, handler as never, serialize, deserialize, type);
    const count = (methods[name] ??= { calls: 0, requestBytes: 0, responseBytes: 0 });
    const counted = (value: unknown) => {
      const out = serialize(value);
      if (isMeasuring()) count.responseBytes += out.byteLength;
      return out;
    };
    const counting = (buffer: Buffer) => {
      if (isMeasuring()) {
        count.calls += 1;
        count.requestBytes += buffer.byteLength;
      }
      return deserialize(buffer);
    };
    return register.call(this, name, handler as never, counted, counting, type);
  } as typeof register;
}

/**
 * Times protobufjs's generated encoders and decoders of every message type (grpc-js's
 * serialisers and the services' own decodeCore/encodeCore alike), outermost call only:
 * nested messages are encoded inside their parent's time.
 */
function instrumentProtobuf(time: ProtobufTime, isMeasuring: () => boolean): void {
  let depth = 0;
  const timing = <A extends unknown[], R>(fn: (...args: A) => R, into: keyof ProtobufTime) => (...args: A): R => {
    if (depth > 0 || !isMeasuring()) return fn(...args);
    depth++;
    const started = process.hrtime.bigint();
    try {
      return fn(...args);
    } finally {
      time[into] += Number(process.hrtime.bigint() - started);
      depth--;
    }
  };
  const setup = protobuf.Type.prototype.setup;
  protobuf.Type.prototype.setup = function (this: protobuf.Type) {
    setup.call(this);
    this.encode = timing(this.encode.bind(this), 'encodeNs');
    this.fromObject = timing(this.fromObject.bind(this), 'encodeNs');
    this.decode = timing(this.decode.bind(this), 'decodeNs');
    this.toObject = timing(this.toObject.bind(this), 'decodeNs');
    return this;
  };
}

interface SocketTotals { writes: number; bytesOut: number; bytesIn: number }

/** Counts writes and bytes on client sockets to the given port. */
function instrumentSockets(port: number, totals: SocketTotals, isMeasuring: () => boolean): void {
  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
    if (isMeasuring() && this.remotePort === port) {
      totals.writes += 1;
      totals.bytesOut += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Uint8Array).byteLength;
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof write;
  const emit = net.Socket.prototype.emit;
  net.Socket.prototype.emit = function (this: net.Socket, event: string | symbol, ...args: unknown[]) {
    if (event === 'data' && isMeasuring() && this.remotePort === port) totals.bytesIn += (args[0] as Uint8Array).byteLength;
    return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}

function post<T>(session: inspector.Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));
}

interface Coverage { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] }

/** Calls of each named function in scripts whose URL matches, over the coverage window. */
function callCounts(coverage: Coverage, urlPart: string, names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const script of coverage.result) {
    if (!script.url.includes(urlPart)) continue;
    for (const fn of script.functions) {
      if (names.includes(fn.functionName)) counts[fn.functionName] = (counts[fn.functionName] ?? 0) + (fn.ranges[0]?.count ?? 0);
    }
  }
  return counts;
}

async function measure(gradings: number, logLevel: string): Promise<Measurement> {
  let measuring = false;
  const isMeasuring = () => measuring;
  const methods: Record<string, MethodCount> = {};
  instrumentGrpc(methods, isMeasuring);
  const protobufTime: ProtobufTime = { encodeNs: 0, decodeNs: 0 };
  instrumentProtobuf(protobufTime, isMeasuring);
  const pg: SocketTotals = { writes: 0, bytesOut: 0, bytesIn: 0 };
  const redis: SocketTotals = { writes: 0, bytesOut: 0, bytesIn: 0 };
  instrumentSockets(Number(new URL(process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432').port || 5432), pg, isMeasuring);
  instrumentSockets(Number(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379), redis, isMeasuring);

  /* eslint-disable @typescript-eslint/no-require-imports */
  const { startInProcessSystem } = require('./support/system') as typeof import('./support/system');
  const convert = require('../services/kit/src/convert') as Record<string, unknown>;
  const { Client } = require('pg') as typeof import('pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const system = await startInProcessSystem(logLevel);
  const session = new inspector.Session();
  session.connect();
  try {
    const gradeOnce = async () => {
      const { status } = await system.teacher.request('POST', '/api/v1/gradings', system.gradingRequest);
      if (status !== 201) throw new Error(`POST /api/v1/gradings answered ${status}`);
    };
    for (let i = 0; i < 50; i++) await gradeOnce(); // warm: caches filled, connections open

    // First window: messages, bytes, protobuf time and CPU (all services and the client here).
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    measuring = true;
    for (let i = 0; i < gradings; i++) await gradeOnce();
    measuring = false;
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);

    // Second window: call counts (precise coverage slows calls down, so it is not timed)
    // and the log lines the child writes between the marks.
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await post(session, 'Profiler.takePreciseCoverage'); // resets the counters
    process.stdout.write(`${MARK}start\n`);
    for (let i = 0; i < gradings; i++) await gradeOnce();
    process.stdout.write(`${MARK}stop\n`);
    const coverage = await post<Coverage>(session, 'Profiler.takePreciseCoverage');
    await post(session, 'Profiler.stopPreciseCoverage');

    const conversionNames = Object.keys(convert).filter((name) => typeof convert[name] === 'function');
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    const sizes = await db.query<{ grading: string; audit: string }>(
      `SELECT (SELECT avg(pg_column_size(g.*)) FROM grading_sessions g) AS grading,
              (SELECT avg(pg_column_size(a.*)) FROM audit_logs a WHERE action = 'grading.create') AS audit`,
    );
    await db.end();
    return {
      gradings,
      methods,
      protobuf: protobufTime,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs,
      conversions: callCounts(coverage, '/services/kit/src/convert', conversionNames),
      metricUpdates: {
        // Counter children bind inc(); every histogram observation (child or not) converts its labels once.
        'counter.inc': sum(callCounts(coverage, '/prom-client/lib/counter.js', ['incWithoutExemplar', 'incWithExemplar'])),
        'histogram.observe': sum(callCounts(coverage, '/prom-client/lib/histogram.js', ['convertLabelsAndValues'])),
        'gauge.set': sum(callCounts(coverage, '/prom-client/lib/gauge.js', ['set', 'inc', 'dec'])),
      },
      pgQueries: callCounts(coverage, '/pg/lib/client.js', ['query']).query ?? 0,
      pgWrites: pg.writes,
      pgBytesOut: pg.bytesOut,
      pgBytesIn: pg.bytesIn,
      redisWrites: redis.writes,
      redisBytesOut: redis.bytesOut,
      gradingRowBytes: Number(sizes.rows[0]?.grading ?? 0),
      auditRowBytes: Number(sizes.rows[0]?.audit ?? 0),
    };
  } finally {
    session.disconnect();
    await system.stop();
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

// ---------------------------------------------------------------- report (parent)

function report(m: Measurement, logLines: number): string {
  const n = m.gradings;
  const per = (value: number, digits = 1) => (value / n).toFixed(digits);
  const rows = Object.entries(m.methods).filter(([, c]) => c.calls > 0).sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, c]) => ({
    calls: sum.calls + c.calls, requestBytes: sum.requestBytes + c.requestBytes, responseBytes: sum.responseBytes + c.responseBytes,
  }), { calls: 0, requestBytes: 0, responseBytes: 0 });
  const methodLine = (name: string, c: MethodCount) => [
    name.padEnd(46), per(c.calls, 2).padStart(6), (c.calls ? (c.requestBytes / c.calls).toFixed(0) : '-').padStart(11),
    (c.calls ? (c.responseBytes / c.calls).toFixed(0) : '-').padStart(12), per(c.requestBytes + c.responseBytes, 0).padStart(10),
  ].join(' ');
  const conversions = Object.entries(m.conversions).filter(([, v]) => v > 0);
  const metrics = Object.entries(m.metricUpdates).filter(([, v]) => v > 0);
  return [
    `Per grading, POST /api/v1/gradings (demo_abdominal_pain), mean of ${n} sequential gradings after 50 warm-up ones`,
    '',
    `${'gRPC method'.padEnd(46)}  calls  req B/call  resp B/call  B total`,
    ...rows.map(([name, c]) => methodLine(name, c)),
    methodLine('all gRPC', total),
    '',
    `protobuf (protobufjs encode+fromObject / decode+toObject, every service): ${(m.protobuf.encodeNs / n / 1000).toFixed(0)} µs / ${(m.protobuf.decodeNs / n / 1000).toFixed(0)} µs`,
    `proto<->core conversions (kit convert.ts): ${conversions.length ? conversions.map(([k, v]) => `${k} ${per(v)}`).join(', ') : 'none'}`,
    `log lines written: ${per(logLines)}`,
    `metric updates: ${per(metrics.reduce((s, [, v]) => s + v, 0))} (${metrics.map(([k, v]) => `${k} ${per(v)}`).join(', ')})`,
    `PostgreSQL: ${per(m.pgQueries)} queries (round trips), ${per(m.pgWrites)} socket writes, ${per(m.pgBytesOut, 0)} B sent, ${per(m.pgBytesIn, 0)} B received;`
      + ` rows stored: grading ${m.gradingRowBytes.toFixed(0)} B, audit ${m.auditRowBytes.toFixed(0)} B`,
    `Redis: ${per(m.redisWrites)} socket writes (round trips), ${per(m.redisBytesOut, 0)} B sent`,
    `CPU of this process (every service and the client) ${per(m.cpuMs, 2)} ms, wall ${per(m.wallMs, 2)} ms per sequential grading`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { gradings: { type: 'string', default: '200' }, 'log-level': { type: 'string', default: 'info' }, child: { type: 'boolean' } } });
  const gradings = Number(values.gradings);
  const logLevel = values['log-level'];
  if (values.child) {
    const result = await measure(gradings, logLevel);
    process.send?.(result);
    process.exit(0);
  }
  // The child's stdout carries the services' log lines: count those between the marks.
  const child = fork(__filename, ['--child', '--gradings', String(gradings), '--log-level', logLevel], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let counting = false;
  let logLines = 0;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === `${MARK}start`) counting = true;
    else if (line === `${MARK}stop`) counting = false;
    else if (counting) logLines += 1;
  });
  const result = await new Promise<Measurement>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Measurement));
    child.once('exit', (code) => reject(new Error(`the measuring process exited (${code}) without a result`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));
  process.stdout.write(report(result, logLines));
}

main().catch((err: Error) => {
  process.stderr.write(`bench/hot-path failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
